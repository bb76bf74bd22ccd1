#!/usr/bin/env bash
# Test reports' benchmarks (BENCHMARKS.md, "Test reports"): junit on 100,000 and 400,000 generated cases through a
# real server (step time, peak memory), and the Tests tab of the 100,000-case build in Chromium (first failure in
# the viewport); the store writing five 100,000-case builds, then the trend and totals read back (TestStoreBenchmarks).
# Release build; results in artifacts/bench/tests.md and test-store.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Server.Tests -c Release -v quiet -nologo
# One after the other: xUnit runs test classes in parallel, and each measures its own process's CPU time.
CONTAINERCD_BENCH=1 dotnet test tests/Server.Tests -c Release --no-build --filter "FullyQualifiedName~TestReportBenchmarks" --logger "console;verbosity=normal"
CONTAINERCD_BENCH=1 dotnet test tests/Server.Tests -c Release --no-build --filter "FullyQualifiedName~TestStoreBenchmarks" --logger "console;verbosity=normal"
cat artifacts/bench/tests.md artifacts/bench/test-store.md
