namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// The program of an isolated engine's container, given as its command when it is created (the image,
/// <see cref="Images.BaseImages.IsolatedEngine"/>, is bootstrapped once per host and holds only dockerd):
/// makes the container's cgroup hierarchies writable (the container is not privileged: see
/// <see cref="IsolatedEngines"/>), fills an empty data root from the image's <see cref="TemplateArchive"/> when it
/// has one (a template: the base images already loaded, see <c>IsolatedEngines.Template.cs</c>), starts dockerd
/// with its socket in the shared socket volume and without its iptables rules (one masquerade rule instead, see the
/// script), waits until it serves, opens the socket to the agents' users and
/// prints <see cref="ReadyMarker"/> (or <see cref="FailedMarker"/> with dockerd's log tail). It then lives as long
/// as its owner keeps the attached input open, as an agent's <see cref="Ownership.OwnerWatchdog"/> does: when
/// containercd dies, however it dies, the input closes, dockerd stops, and auto-removal takes the container with
/// its data root. Run with the argument <see cref="MakeTemplateArgument"/>, it archives the data root into
/// <see cref="TemplateArchive"/> once dockerd has stopped (the container is then committed as a template).
/// </summary>
internal static class EngineScript
{
    public const string SocketDirectory = "/run/containercd-engine";
    public const string Socket = SocketDirectory + "/docker.sock";
    public const string DataRoot = "/var/lib/docker";
    public const string TemplateArchive = "/containercd-template.tar";
    public const string MakeTemplateArgument = "make-template";
    public const string ReadyMarker = "containercd-engine: ready";
    public const string FailedMarker = "containercd-engine: failed";
    public const string FromTemplateMarker = "containercd-engine: data root from the template";
    public const string TemplateMadeMarker = "containercd-engine: template archived";

    /// <summary>Extra dockerd arguments (space-separated), for tuning and for tests.</summary>
    public const string ArgumentsVariable = "CONTAINERCD_DOCKERD_ARGS";

    /// <summary>Seconds to wait for dockerd to answer.</summary>
    public const string WaitVariable = "CONTAINERCD_ENGINE_WAIT";

    /// <summary>
    /// A second socket for containercd itself (see <see cref="EngineSocketDirectory"/>), in a folder of this machine
    /// bound at the same path; unset (a template's maker): none.
    /// </summary>
    public const string HostSocketVariable = "CONTAINERCD_ENGINE_HOST_SOCKET";

    /// <summary>Where the static docker CLI is bound in the engine's container, for the containers started there to bind in turn.</summary>
    public const string CliPath = "/usr/local/libexec/containercd/docker";

    /// <summary>The container's command: this script, with <paramref name="argument"/> as its first parameter.</summary>
    public static IList<string> Command(string? argument = null) =>
        argument is null ? ["/bin/sh", "-c", Text, "containercd-engine"] : ["/bin/sh", "-c", Text, "containercd-engine", argument];

    public const string Text = $$"""
        #!/bin/sh
        # containercd: runs an isolated Docker engine for one build's agents (see EngineScript.cs).
        log=/var/log/dockerd.log
        # The cgroup hierarchies are made writable while the data root is filled and dockerd starts (it needs them
        # for its containers only): done before it is announced ready.
        for m in $(awk '$5 ~ "^/sys/fs/cgroup/" {print $5}' /proc/self/mountinfo); do
          mount -o remount,bind,rw "$m" 2>/dev/null || true
        done &
        remounting=$!
        mkdir -p {{SocketDirectory}}
        rm -f {{Socket}} /var/run/docker.pid
        if [ "$1" != {{MakeTemplateArgument}} ] && [ -f {{TemplateArchive}} ] && [ ! -e {{DataRoot}}/image ]; then
          tar -xpf {{TemplateArchive}} --xattrs --xattrs-include='*' -C {{DataRoot}} && echo "{{FromTemplateMarker}}"
        fi
        hs=${{{HostSocketVariable}}:-}
        [ -z "$hs" ] || rm -f "$hs"
        dockerd -H unix://{{Socket}} ${hs:+-H "unix://$hs"} --data-root {{DataRoot}} --iptables=false --ip6tables=false ${{{ArgumentsVariable}}:-} >"$log" 2>&1 &
        pid=$!
        # Without dockerd's own rules (a second of its start), one rule, set while it starts, lets every inner network
        # (each bridge its own subnet) reach beyond the engine: what leaves by the default route takes the engine's address.
        # Names resolve through the embedded DNS and published ports through dockerd's userland proxy without iptables.
        masquerade() {
          out=$(awk '$2 == "00000000" { print $1; exit }' /proc/net/route)
          [ -n "$out" ] || { echo "the engine's container has no default route"; return 1; }
          iptables -w -t nat -A POSTROUTING -o "$out" -j MASQUERADE
        }
        masquerade >/tmp/masquerade.log 2>&1 &
        masquerading=$!
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
        # dockerd logs "API listen on" once it serves requests on the socket.
        until grep -q 'API listen on' "$log" && { [ -z "$hs" ] || [ -S "$hs" ]; }; do alive; sleep 0.02; done
        if ! wait "$masquerading"; then
          echo "{{FailedMarker}}: the masquerade rule for the inner networks could not be set: $(cat /tmp/masquerade.log)"
          exit 1
        fi
        wait "$remounting"
        chmod 666 {{Socket}} ${hs:+"$hs"}
        echo "{{ReadyMarker}}"
        while read -r _; do :; done
        kill "$pid" 2>/dev/null
        wait "$pid"
        if [ "$1" = {{MakeTemplateArgument}} ]; then
          cd {{DataRoot}} && tar -cpf {{TemplateArchive}} --xattrs --xattrs-include='*' image "$(ls image)" && echo "{{TemplateMadeMarker}}"
        fi
        exit 0

        """;
}
