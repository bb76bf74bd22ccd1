namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// The program of an isolated engine's container (baked into <see cref="Images.BaseImages.IsolatedEngine"/>):
/// makes the container's cgroup hierarchies writable (the container is not privileged: see
/// <see cref="IsolatedEngines"/>), starts dockerd with its socket in the shared socket volume, waits until it
/// answers, opens the socket to the agents' users and prints <see cref="ReadyMarker"/> (or
/// <see cref="FailedMarker"/> with dockerd's log tail). It then lives as long as its owner keeps the attached
/// input open, as an agent's <see cref="Ownership.OwnerWatchdog"/> does: when containercd dies, however it dies,
/// the input closes, dockerd stops, and auto-removal takes the container with its data root.
/// </summary>
internal static class EngineScript
{
    public const string Path = "/usr/local/bin/containercd-engine";
    public const string SocketDirectory = "/run/containercd-engine";
    public const string Socket = SocketDirectory + "/docker.sock";
    public const string DataRoot = "/var/lib/docker";
    public const string ReadyMarker = "containercd-engine: ready";
    public const string FailedMarker = "containercd-engine: failed";

    /// <summary>Extra dockerd arguments (space-separated), for tuning and for tests.</summary>
    public const string ArgumentsVariable = "CONTAINERCD_DOCKERD_ARGS";

    /// <summary>Seconds to wait for dockerd to answer.</summary>
    public const string WaitVariable = "CONTAINERCD_ENGINE_WAIT";

    public const string Text = $$"""
        #!/bin/sh
        # containercd: runs an isolated Docker engine for one build's agents (see EngineScript.cs).
        log=/var/log/dockerd.log
        for m in $(awk '$5 ~ "^/sys/fs/cgroup/" {print $5}' /proc/self/mountinfo); do
          mount -o remount,bind,rw "$m" 2>/dev/null || true
        done
        mkdir -p {{SocketDirectory}}
        rm -f {{Socket}} /var/run/docker.pid
        dockerd -H unix://{{Socket}} --data-root {{DataRoot}} ${{{ArgumentsVariable}}:-} >"$log" 2>&1 &
        pid=$!
        deadline=$(( $(date +%s) + ${{{WaitVariable}}:-60} ))
        alive() {
          if ! kill -0 "$pid" 2>/dev/null; then
            echo "{{FailedMarker}}: dockerd exited; the end of its log:"
            tail -n 15 "$log"
            exit 1
          fi
          if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "{{FailedMarker}}: dockerd did not answer within ${{{WaitVariable}}:-60} s; the end of its log:"
            tail -n 15 "$log"
            exit 1
          fi
        }
        # The socket appears once dockerd listens; a request then waits until the API serves.
        until [ -S {{Socket}} ]; do alive; sleep 0.02; done
        until docker -H unix://{{Socket}} version >/dev/null 2>&1; do alive; sleep 0.05; done
        chmod 666 {{Socket}}
        echo "{{ReadyMarker}}"
        while read -r _; do :; done
        kill "$pid" 2>/dev/null
        wait "$pid"
        exit 0

        """;
}
