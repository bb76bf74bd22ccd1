#!/usr/bin/env bash
# The tests' second Docker engine (SecondEngine.cs sources this and calls its functions): a real dockerd beside the
# machine's engine, with its own data root, exec root, pid file, containerd namespace, cgroup parent, network,
# mount and UTS namespaces, listening on 127.0.0.1:$E2_PORT with --tlsverify (certificates in $E2_TLS, made by
# the test). Adapted from /work/shared/tools/second-docker-engine.sh (see there for why each part is needed);
# every name is taken from the environment so that several test runs on one machine never share anything.
#
#   engine2_start   starts it (hiding each folder given as argument from it)
#   engine2_kill    kill -9 of its dockerd only (the node is lost; its containers' processes live on)
#   engine2_stop    removes all of it (safe to call twice, and after engine2_kill)

: "${E2_DIR:?}" "${E2_PORT:?}" "${E2_CGROUP:?}" "${E2_TLS:?}"

_e2_host_netns() { readlink /proc/1/ns/net 2>/dev/null || readlink /proc/$$/ns/net; }

_e2_pid_alive() { [[ -n ${1:-} && -r /proc/$1/cmdline ]] && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -q -- "--data-root $E2_DIR/data"; }

_e2_dockerd_pid() {
  local p
  for p in "$(cat "$E2_DIR/docker.pid" 2>/dev/null)" "$(cat "$E2_DIR/launch.pid" 2>/dev/null)"; do
    if _e2_pid_alive "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

# Launches dockerd in new network, mount and UTS namespaces. $1: "tcp" to listen on 127.0.0.1:$E2_PORT too.
_e2_launch() {
  local tcp=$1; shift
  local args=(dockerd --config-file "$E2_DIR/daemon.json" --data-root "$E2_DIR/data" --exec-root "$E2_DIR/exec"
    --pidfile "$E2_DIR/docker.pid" -H "unix://$E2_DIR/docker.sock"
    --bridge=none --iptables=false --ip-masq=false --ip-forward=false --ip6tables=false
    --containerd-namespace "$E2_CGROUP" --containerd-plugins-namespace "$E2_CGROUP-plugins"
    --cgroup-parent "/$E2_CGROUP")
  [[ $tcp == tcp ]] && args+=(-H fd:// --tlsverify --tlscacert "$E2_TLS/ca.pem" --tlscert "$E2_TLS/server-cert.pem" --tlskey "$E2_TLS/server-key.pem")
  local inner='
    ip link set lo up 2>/dev/null
    hostname "$E2_CGROUP"
    if [ -d /etc/docker ]; then mount --bind "$E2_DIR/etc" /etc/docker || exit 97; fi
    while [ "$1" != -- ]; do mount -t tmpfs -o size=1m,mode=0755 "$E2_CGROUP-hidden" "$1" || exit 98; shift; done
    shift
    exec "$@"'
  local cmd=(unshare --net --mount --uts --propagation private sh -c "$inner" sh "$@" -- "${args[@]}")
  if [[ $tcp == tcp ]]; then
    # Opens the listening socket here (the host's network namespace) as fd 3, then execs the rest with
    # LISTEN_FDS=1 and LISTEN_PID=its own pid (kept through unshare and sh's exec: dockerd has the same pid).
    E2_DIR=$E2_DIR python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(128)
if s.fileno() != 3:
    os.dup2(s.fileno(), 3)
    s.close()
os.set_inheritable(3, True)
os.closerange(4, 4096)
os.environ["LISTEN_FDS"] = "1"
os.environ["LISTEN_PID"] = str(os.getpid())
os.environ.pop("LISTEN_FDNAMES", None)
os.execvp(sys.argv[2], sys.argv[2:])
' "$E2_PORT" "${cmd[@]}" </dev/null >>"$E2_DIR/dockerd.log" 2>&1 &
  else
    E2_DIR=$E2_DIR "${cmd[@]}" </dev/null >>"$E2_DIR/dockerd.log" 2>&1 &
  fi
  local pid=$!
  disown "$pid" 2>/dev/null   # no "Killed" job notice from bash when engine2_kill ends it
  echo "$pid" >"$E2_DIR/launch.pid"
  local i
  for i in $(seq 150); do
    docker -H "unix://$E2_DIR/docker.sock" version >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  # Every network namespace it ran in (never the host's): engine2_stop kills what is left in them, by PID.
  local ns
  ns=$(readlink "/proc/$pid/ns/net" 2>/dev/null)
  [[ -n $ns && $ns != "$(_e2_host_netns)" ]] && echo "$ns" >>"$E2_DIR/netns"
  if ! docker -H "unix://$E2_DIR/docker.sock" version >/dev/null 2>&1; then
    kill -9 "$pid" 2>/dev/null
    echo "engine2: dockerd did not answer (log: $E2_DIR/dockerd.log): $(grep -v 'level=info' "$E2_DIR/dockerd.log" | tail -2 | tr '\n' ' ' | cut -c1-300)"
    return 1
  fi
}

engine2_start() {
  local d
  [[ -d $E2_DIR ]] && engine2_stop
  command -v dockerd >/dev/null || { echo "engine2: no dockerd on this machine"; return 1; }
  for d in "$@"; do
    [[ -d $d ]] || { echo "engine2: cannot hide $d: not a folder"; return 1; }
    d=$(cd "$d" && pwd -P)
    [[ $E2_DIR/ == "$d"/* ]] && { echo "engine2: cannot hide $d: it holds $E2_DIR"; return 1; }
  done
  if (exec 9<>"/dev/tcp/127.0.0.1/$E2_PORT") 2>/dev/null; then
    echo "engine2: something already listens on 127.0.0.1:$E2_PORT"; return 1
  fi
  mkdir -p "$E2_DIR/etc" && echo '{}' >"$E2_DIR/daemon.json" || return 1
  _e2_launch tcp "$@" || { engine2_stop; return 1; }
  docker -H "tcp://127.0.0.1:$E2_PORT" --tlsverify --tlscacert "$E2_TLS/ca.pem" --tlscert "$E2_TLS/cert.pem" --tlskey "$E2_TLS/key.pem" version >/dev/null 2>&1 \
    || { echo "engine2: unix socket answers, tcp://127.0.0.1:$E2_PORT (TLS) does not"; engine2_stop; return 1; }
  export ENGINE2="tcp://127.0.0.1:$E2_PORT" ENGINE2_SOCK="unix://$E2_DIR/docker.sock"
  ENGINE2_PID=$(_e2_dockerd_pid); export ENGINE2_PID
}

engine2_kill() {
  local pid
  pid=$(_e2_dockerd_pid) || return 0
  kill -9 "$pid"
  for _ in $(seq 50); do _e2_pid_alive "$pid" || break; sleep 0.1; done
}

# After engine2_kill: the host "rebooted": its containers' processes are gone, dockerd starts again on the same roots and port.
engine2_restart() {
  local ids
  _e2_dockerd_pid >/dev/null && return 0
  ids=$(_e2_cgroup_pids | tr '\n' ' ')
  [[ -n ${ids// /} ]] && kill -9 $ids 2>/dev/null
  _e2_forget_dead_pids
  _e2_launch tcp
}

# The killed dockerd and its containerd may linger as zombies (their parent is gone; init reaps when it will), which a
# new dockerd would take for live ones from their pid files ("pid file found"): those files go.
_e2_forget_dead_pids() {
  rm -f "$E2_DIR/docker.pid" "$E2_DIR/exec/containerd/containerd.pid"
}

# PIDs left of engine2 in the network namespaces it ran in (dockerd, containerd, shims), never the host's.
_e2_netns_pids() {
  local pats
  pats=$(grep -x 'net:\[[0-9][0-9]*\]' "$E2_DIR/netns" 2>/dev/null \
    | grep -vxF -e "$(_e2_host_netns)" -e "$(readlink /proc/$$/ns/net)")
  [[ -n $pats ]] || return 0
  find /proc/[0-9]*/ns/net -maxdepth 0 -printf '%l %p\n' 2>/dev/null | grep -F "$pats" \
    | awk '{ split($2, a, "/"); print a[3] }'
}

# PIDs in its containers' cgroups.
_e2_cgroup_pids() {
  cat /sys/fs/cgroup/*/"$E2_CGROUP"/cgroup.procs /sys/fs/cgroup/*/"$E2_CGROUP"/*/cgroup.procs \
    /sys/fs/cgroup/"$E2_CGROUP"/*/cgroup.procs 2>/dev/null | sort -un
}

_e2_leftover_pids() { { _e2_netns_pids; _e2_cgroup_pids; } | sort -un; }

engine2_stop() {
  local pid i ids sock="unix://$E2_DIR/docker.sock"
  [[ -d $E2_DIR ]] || return 0
  pid=$(_e2_dockerd_pid)
  if [[ -z $pid ]]; then
    # Killed with containers running: their processes go first (by cgroup), then a restart on the same roots
    # (unix socket only) lets dockerd and a new containerd collect them from the surviving shims and remove
    # them. The old containerd died with dockerd but may linger as a zombie, which dockerd would take for a
    # live one: its pid file goes.
    ids=$(_e2_cgroup_pids | tr '\n' ' ')
    [[ -n ${ids// /} ]] && kill -9 $ids 2>/dev/null
    if [[ -n $(_e2_netns_pids | head -1) ]]; then
      _e2_forget_dead_pids
      _e2_launch unix >/dev/null 2>&1 && pid=$(_e2_dockerd_pid)
    fi
  fi
  if [[ -n $pid ]]; then
    ids=$(docker -H "$sock" ps -aq 2>/dev/null)
    [[ -n $ids ]] && docker -H "$sock" rm -f $ids >/dev/null 2>&1
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 150); do _e2_pid_alive "$pid" || break; sleep 0.2; done
    _e2_pid_alive "$pid" && kill -9 "$pid"
  fi
  for i in $(seq 50); do
    ids=$(_e2_leftover_pids | tr '\n' ' ')
    [[ -z ${ids// /} ]] && break
    kill -9 $ids 2>/dev/null
    sleep 0.2
  done
  # Empty cgroup folders, deepest first.
  find /sys/fs/cgroup -maxdepth 3 -type d -name "$E2_CGROUP" 2>/dev/null | while read -r d; do
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  # Its mounts live in its own mount namespace; anything under it in the host's table would be a bug: undo it.
  awk -v d="$E2_DIR" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
  done
  rm -rf "$E2_DIR"
  unset ENGINE2 ENGINE2_SOCK ENGINE2_PID
}

