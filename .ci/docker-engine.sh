#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs docker.io with apt when dockerd is missing, starts dockerd
# in the background when `docker info` does not answer, and waits until it does (at most
# DOCKER_WAIT_SECONDS, default 60). Also installs busybox-static (the base image is built from it).
# Prints one line per thing it had to do; exits non-zero with one clear line when the engine cannot run.
set -euo pipefail

wait_seconds="${DOCKER_WAIT_SECONDS:-60}"
log="${DOCKERD_LOG:-/tmp/dockerd.log}"

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker-engine: $* missing; run as root or install it: apt-get install -y $*" >&2
    exit 1
  fi
  echo "docker-engine: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v dockerd >/dev/null 2>&1 || apt_install docker.io
[ -x /bin/busybox ] || apt_install busybox-static
command -v docker >/dev/null 2>&1 || apt_install docker.io

answers() { timeout 10 docker info >/dev/null 2>&1; }

if ! answers; then
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
    echo "docker-engine: DOCKER_HOST=$DOCKER_HOST does not answer and is not a local socket; start that engine" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker-engine: the Docker engine does not answer and starting dockerd needs root (sudo nohup dockerd >$log 2>&1 &)" >&2
    exit 1
  fi
  echo "docker-engine: starting dockerd (log: $log)"
  nohup dockerd >"$log" 2>&1 </dev/null &
  deadline=$((SECONDS + wait_seconds))
  until answers; do
    if [ $SECONDS -ge $deadline ]; then
      echo "docker-engine: dockerd did not answer within ${wait_seconds}s; last lines of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "docker-engine: dockerd answers after $((SECONDS + wait_seconds - deadline))s"
fi
