#!/usr/bin/env bash
# docker.image().inside on an isolated-engine agent against inside on this machine's engine, in the same run (BENCHMARKS.md).
# Usage: bench/isolated-inside.sh [CONTAINERS] [STEPS]   (default 5 and 40). Needs a Docker engine and
# containercd/dind:bookworm (containercd images bootstrap --isolated).
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build bench/IsolatedInside.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/IsolatedInside.Bench/bin/Release/net10.0/ContainerCd.IsolatedInside.Bench.dll "${1:-5}" "${2:-40}"
