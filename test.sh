#!/usr/bin/env bash
# Runs every test of ContainerCd: sets up what is missing (.ci/setup.sh), builds, runs all test
# projects, then prints the conformance and other summaries the tests wrote.
set -euo pipefail
cd "$(dirname "$0")"
.ci/setup.sh
rm -rf artifacts/test-summaries
dotnet build ContainerCd.sln -c Release -v quiet -nologo
status=0
dotnet test ContainerCd.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" || status=$?
if compgen -G "artifacts/test-summaries/*.md" >/dev/null; then
  echo
  cat artifacts/test-summaries/*.md
fi
exit $status
