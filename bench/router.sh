#!/usr/bin/env bash
# Router benchmarks (method in BENCHMARKS.md): added latency against the container directly, failed requests during a
# blue-green switch and a 3-backend replacement under 200 requests/s. Usage: bench/router.sh [REQUESTS] (default 1000).
# Needs a Docker engine (.ci/docker-engine.sh) and containercd/busybox (containercd images bootstrap).
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build Server -c Release -v quiet -nologo >/dev/null
dotnet build bench/Router.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Router.Bench/bin/Release/net10.0/ContainerCd.Router.Bench.dll "$PWD/Server/bin/Release/net10.0" "${1:-1000}"
