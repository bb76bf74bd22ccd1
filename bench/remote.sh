#!/usr/bin/env bash
# Remote-node agents against raw `docker -H tcp://... run -d` / `exec` on the same node, interleaved in one run
# (method in BENCHMARKS.md). The node is the tests' second engine (tests/SecondEngine/second-engine.sh: its own
# dockerd with TLS on 127.0.0.1), started and stopped by the bench; it needs root, dockerd and the busybox image.
# Usage: bench/remote.sh [STARTS] [STEPS] [FILES] [breakdown]   (defaults 10, 50 and 1000 files in the workspace; breakdown: where a
# remote step's and start's time go, part by part, instead)
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build bench/Remote.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Remote.Bench/bin/Release/net10.0/ContainerCd.Remote.Bench.dll "${1:-10}" "${2:-50}" "${3:-1000}" ${4:+"$4"}
