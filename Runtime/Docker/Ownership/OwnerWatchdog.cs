using ContainerCd.Runtime.Docker.PassThrough;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Runtime.Docker.Ownership;

/// <summary>
/// What an agent container's main shell runs once it is up, so that the container goes away on its own
/// when the containercd process that owns it dies, however it dies (<c>kill -9</c> included), with no other
/// containercd start needed. The shell's input is attached only by its owner, with stdin-once: it reads that
/// input until it closes, which happens when the owner's connection to the engine ends. It then removes what
/// steps started for that owner through the engine pass-through (containers labelled role=step, networks,
/// volumes) and exits: its end takes every process of the container down, and auto-removal the container.
/// A live owner keeps the input open, so its containers are never touched.
/// </summary>
internal static class OwnerWatchdog
{
    public static string Script(string owner)
    {
        var filter = ShellQuote.Quote($"label={ResourceLabels.Owner}={owner}");
        var step = ShellQuote.Quote($"label={ResourceLabels.Role}={ResourceLabels.StepRole}");

        // One compound command: the shell parses all of it before `read` takes over its input.
        return "{\n"
            + "while read -r _; do :; done\n"
            + $"d={EnginePassThrough.ContainerCli}\n"
            + "if [ -x \"$d\" ]; then\n"
            + $"  c=$(\"$d\" ps -aq --filter {filter} --filter {step} 2>/dev/null); [ -z \"$c\" ] || \"$d\" rm -fv $c >/dev/null 2>&1\n"
            + $"  n=$(\"$d\" network ls -q --filter {filter} 2>/dev/null); [ -z \"$n\" ] || \"$d\" network rm $n >/dev/null 2>&1\n"
            + $"  v=$(\"$d\" volume ls -q --filter {filter} 2>/dev/null); [ -z \"$v\" ] || \"$d\" volume rm -f $v >/dev/null 2>&1\n"
            + "fi\n"
            + "exit 0\n"
            + "}\n";
    }
}
