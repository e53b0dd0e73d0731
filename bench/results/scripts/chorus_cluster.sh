#!/bin/bash
# fresh cluster in our own dir (never touches .chorus/cluster of someone else)
D=/tmp/perf/cl
cd /work/main
./chorus cluster stop --dir $D >/dev/null 2>&1
rm -rf $D
./chorus cluster start --dir $D --base-port 7701 2>&1 | tail -5
./chorus cluster status --dir $D
