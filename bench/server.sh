#!/usr/bin/env bash
# The server's benchmarks (BENCHMARKS.md, server section): live latency, 20 concurrent builds, a 100 MB log
# in Chromium (its last line in the viewport, and staying there). Release build; results in artifacts/bench/server.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Server.Tests -c Release -v quiet -nologo
CONTAINERCD_BENCH=1 dotnet test tests/Server.Tests -c Release --no-build --filter "Category=Benchmark" --logger "console;verbosity=normal"
cat artifacts/bench/server.md
cat artifacts/bench/stageview.md
