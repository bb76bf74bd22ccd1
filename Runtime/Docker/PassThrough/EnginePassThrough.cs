using System.Text;

namespace ContainerCd.Runtime.Docker.PassThrough;

/// <summary>
/// What makes the host's Docker engine usable from inside an agent container: its socket at
/// /var/run/docker.sock, the static docker CLI, and in front of it a small wrapper that adds the build's
/// ownership labels (from <c>CONTAINERCD_LABELS</c>) to <c>run</c>, <c>create</c>, <c>network create</c> and
/// <c>volume create</c>, so the containers, networks and volumes steps create are removed with the build (or
/// by the agent's <see cref="Ownership.OwnerWatchdog"/> when containercd dies). Images steps build are not
/// labelled: as with Jenkins, they stay when the build ends.
/// </summary>
internal sealed class EnginePassThrough
{
    public const string ContainerSocket = "/var/run/docker.sock";
    public const string ContainerCli = "/usr/local/libexec/containercd/docker";
    public const string ContainerWrapper = "/usr/local/bin/docker";
    public const string LabelsVariable = "CONTAINERCD_LABELS";

    /// <summary>The wrapper in front of the CLI (a remote node's agents get it from a volume there: see Nodes/NodeEngineSocket).</summary>
    internal const string WrapperScript = """
        #!/bin/sh
        # containercd: passes the command to the host engine, labelling the containers, networks and volumes
        # it creates so that the build's cleanup removes them (images are left alone). Labels come from
        # CONTAINERCD_LABELS ("k=v k=v").
        real=/usr/local/libexec/containercd/docker
        [ -n "$CONTAINERCD_LABELS" ] || exec "$real" "$@"
        count=$#
        i=0
        mode=global
        skip=no
        while [ "$i" -lt "$count" ]; do
          a=$1
          shift
          i=$((i + 1))
          set -- "$@" "$a"
          if [ "$skip" = yes ]; then skip=no; continue; fi
          case "$mode:$a" in
            done:*) ;;
            global:-H|global:--host|global:--config|global:--context|global:-c|global:-l|global:--log-level|global:--tlscacert|global:--tlscert|global:--tlskey) skip=yes ;;
            global:-*) ;;
            global:run|global:create|container:run|container:create|network:create|volume:create)
              for l in $CONTAINERCD_LABELS; do set -- "$@" --label "$l"; done
              mode=done ;;
            global:container|global:network|global:volume) mode=$a ;;
            *) mode=done ;;
          esac
        done
        exec "$real" "$@"

        """;

    private EnginePassThrough(string socketPath, string? cliPath, string? wrapperPath)
    {
        SocketPath = socketPath;
        CliPath = cliPath;
        WrapperPath = wrapperPath;
    }

    public string SocketPath { get; }

    /// <summary>The static CLI on the host; null when none was found (the socket still works for SDKs).</summary>
    public string? CliPath { get; }

    public string? WrapperPath { get; }

    public static EnginePassThrough Prepare(string socketPath, string? configuredCli)
    {
        var cli = StaticCliLocator.Find(configuredCli);
        if (cli is null)
        {
            return new EnginePassThrough(socketPath, null, null);
        }

        var directory = Path.Combine(Path.GetTempPath(), "containercd-passthrough");
        Directory.CreateDirectory(directory);
        var wrapper = Path.Combine(directory, "docker");
        var bytes = Encoding.UTF8.GetBytes(WrapperScript);
        if (!File.Exists(wrapper) || !File.ReadAllBytes(wrapper).AsSpan().SequenceEqual(bytes))
        {
            var temporary = wrapper + "." + System.Environment.ProcessId;
            File.WriteAllBytes(temporary, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, (UnixFileMode)0b111_101_101);
            }

            File.Move(temporary, wrapper, overwrite: true);
        }

        return new EnginePassThrough(socketPath, cli, wrapper);
    }

    public IEnumerable<string> Binds()
    {
        yield return $"{SocketPath}:{ContainerSocket}";
        if (CliPath is not null && WrapperPath is not null)
        {
            yield return $"{CliPath}:{ContainerCli}:ro";
            yield return $"{WrapperPath}:{ContainerWrapper}:ro";
        }
    }

    public static string LabelsValue(IReadOnlyDictionary<string, string> labels) =>
        string.Join(' ', labels.Select(p => $"{p.Key}={p.Value.Replace(' ', '_')}"));
}
