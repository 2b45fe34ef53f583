#!/usr/bin/env bash
# How many compilers to run at once: one per core, but no more than memory allows. A unity source
# (CMAKE_UNITY_BUILD, 16 files) peaks near 800 MB in GCC, so a 1 GB Pi 4 building the run command
# compiles one at a time instead of being stopped by the OOM killer (ninja's default is cores + 2).
set -euo pipefail
cores=$(nproc)
mem_jobs=$(awk '/^MemAvailable:/ { print int($2 / (900 * 1024)) }' /proc/meminfo)
jobs=$((mem_jobs < cores ? mem_jobs : cores))
echo $((jobs < 1 ? 1 : jobs))
