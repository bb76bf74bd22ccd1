#!/usr/bin/env bash
# Docker agent benchmarks against raw docker run / docker exec in the same run (method in BENCHMARKS.md).
# Usage: bench/docker.sh [STARTS] [STEPS] [breakdown]   (defaults 15 and 100; breakdown: where a `sh` step's time goes, instead). Needs a Docker engine (.ci/docker-engine.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build bench/Docker.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Docker.Bench/bin/Release/net10.0/ContainerCd.Docker.Bench.dll "${1:-15}" "${2:-100}" ${3:+"$3"}
