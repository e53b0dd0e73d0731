#!/bin/bash
# The image's HEALTHCHECK: GET /ready on the node's metrics port, healthy on 200. Plain bash
# (/dev/tcp), so the image needs no curl. The port is CHORUS_METRICS_PORT when set, else the
# image's default 8401 (chorus.conf); the node serves it on the host of node.listen, which is
# 0.0.0.0 or a loopback address in the compose files.
port="${CHORUS_METRICS_PORT:-8401}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 2 status <&3 || exit 1
case "$status" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) echo "not ready: $status"; exit 1 ;;
esac
