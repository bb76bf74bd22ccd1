#!/usr/bin/env bash
# Runs every test of ContainerCd: sets up what is missing (.ci/setup.sh), builds, runs all test
# projects, then prints the conformance and other summaries the tests wrote.
set -euo pipefail
cd "$(dirname "$0")"
.ci/setup.sh
rm -rf artifacts/test-summaries
dotnet build ContainerCd.sln -c Release -v quiet -nologo
# The isolated engine's image (docker: isolated tests): a no-op when built; on a fresh machine the Debian image
# (debootstrap, a few minutes) and Debian's docker.io on it (about a minute), which those tests would build anyway.
if timeout 10 docker info >/dev/null 2>&1; then
  dotnet Server/bin/Release/net10.0/containercd-server.dll images bootstrap --isolated | sed 's/^/images: /'
fi
status=0
# A test that hangs is ended after 8 minutes and named (--blame-hang-timeout) rather than stalling the run.
# Every test project but Docker.Tests at once, then Docker.Tests alone: its containers (deploys under load,
# registries, sshd, Docker-in-Docker) starve the browser tests of the 2 cores when they run beside them.
dotnet test ContainerCd.NoDocker.slnf -c Release --no-build -nologo --logger "console;verbosity=minimal" --blame-hang-timeout 8m --blame-hang-dump-type none || status=$?
dotnet test tests/Docker.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" --blame-hang-timeout 8m --blame-hang-dump-type none || status=$?
if compgen -G "artifacts/test-summaries/*.md" >/dev/null; then
  echo
  cat artifacts/test-summaries/*.md
fi
exit $status
