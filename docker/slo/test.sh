#!/usr/bin/env bash
# Checks the SLO kit: the rules and the Prometheus configs parse (promtool check), and the rules do
# what chorus-rules.test.yml says against its synthetic series (promtool test rules).
# promtool comes with Prometheus (Debian: apt-get install prometheus). Not part of `mvn verify`:
# CI machines need not have promtool, and a test that skips when it is missing would pass while
# checking nothing; run this script wherever the rules change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v promtool >/dev/null 2>&1 || { echo "slo/test.sh: needs promtool (Debian: apt-get install prometheus)" >&2; exit 1; }
promtool check rules chorus-rules.yml
promtool check config ../monitoring/prometheus.yml
promtool test rules chorus-rules.test.yml
echo "PASS: docker/slo rules checked and tested"
