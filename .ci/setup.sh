#!/usr/bin/env bash
# Installs and starts what ContainerCd's build and tests need on a Debian machine, skipping what is
# already there: the Docker engine (started and waited for), busybox-static and debootstrap (base
# images are built locally; no registry is reachable), docker-registry (a local registry that push tests
# start on 127.0.0.1), Chromium (browser tests), pytest (real JUnit reports), python3-aiosmtpd (the SMTP server
# mail tests start on loopback), clang (links the native containercd a publish makes), and the npm tool that generates
# the parser. Idempotent; prints one line per thing it had to do.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dockerd >/dev/null 2>&1 || need_apt+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || need_apt+=(busybox-static)
command -v debootstrap >/dev/null 2>&1 || need_apt+=(debootstrap)
command -v docker-registry >/dev/null 2>&1 || need_apt+=(docker-registry)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)  # links the published containercd (NativeAOT)
command -v pytest-3 >/dev/null 2>&1 || need_apt+=(python3-pytest)  # writes real JUnit XML for the junit step's tests
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)  # the SMTP server mail tests send to
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)  # the ssh server git-over-ssh tests start as their own process (never as a service)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install ${need_apt[*]} yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -x .ci/docker-engine.sh ]; then
  .ci/docker-engine.sh
fi

if [ ! -f grammar/node_modules/antlr4ng-cli/package.json ]; then
  echo "setup: installing the ANTLR tool (npm ci in grammar/)"
  (cd grammar && npm ci --no-audit --no-fund --loglevel=error)
fi
