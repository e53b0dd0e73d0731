#!/bin/bash
cd /work/main; ./chorus cluster status --dir /tmp/perf/cl | awk '$3 ~ /^[0-9]+$/ {print $3}' | paste -sd' '
