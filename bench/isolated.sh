#!/usr/bin/env bash
# Isolated-engine agent start against the pass-through Docker agent start in the same run (BENCHMARKS.md).
# Usage: bench/isolated.sh [STARTS]   (default 10). Needs a Docker engine and containercd/dind:bookworm
# (containercd images bootstrap --isolated).
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build bench/Isolated.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Isolated.Bench/bin/Release/net10.0/ContainerCd.Isolated.Bench.dll "${1:-10}"
