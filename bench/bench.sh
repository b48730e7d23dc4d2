#!/usr/bin/env bash
# Runs the benchmark with the load generator pinned to CPU 1 (servers under test go to CPU 0).
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  exec taskset -c "${BENCH_GENERATOR_CPU:-1}" node --import tsx bench/run.ts "$@"
fi
echo "bench: taskset or a second CPU is missing; running unpinned (figures are not comparable)" >&2
BENCH_SERVER_CPU="${BENCH_SERVER_CPU:-0}" exec node --import tsx bench/run.ts "$@"
