#!/usr/bin/env bash
# A remote node's own engine for its agents (socket: in engines:): agent start with the socket and the docker CLI against
# without and raw `docker -H tcp://... run -d`, and `docker build` in the agent on the node (as docker.build runs it)
# against raw `docker -H tcp://... build` of the same one-line Dockerfile, interleaved in one run (method in BENCHMARKS.md).
# The node is the tests' second engine (tests/SecondEngine/second-engine.sh), started and stopped by the bench; it needs
# root, dockerd and the busybox image.
# Usage: bench/remote-docker.sh [STARTS] [BUILDS]   (defaults 10 and 10)
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/docker-engine.sh
dotnet build bench/RemoteDocker.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/RemoteDocker.Bench/bin/Release/net10.0/ContainerCd.RemoteDocker.Bench.dll "${1:-10}" "${2:-10}"
