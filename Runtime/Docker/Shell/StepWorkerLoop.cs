namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>
/// What a step session's shell runs for the rest of its life: a loop that starts the next step's worker as soon as
/// the last step has ended, so that a step's text finds a shell waiting for it and costs no fork and no start of a
/// shell (each costs milliseconds in a loaded container; see BENCHMARKS.md). The worker is a plain <c>sh</c> in the
/// foreground, as a step's subshell is without the loop (signals, process group and file descriptors as there),
/// reading commands from the session's stdin: the step's text (see
/// <see cref="StepScript.ForWorker"/>), which ends in <c>exec sh -xe -c</c> (or <c>exit</c>), so the worker never
/// reads past it. When the worker has ended, the loop prints the session's end marker, with the exit code and the
/// OOM kill count, on stdout and on stderr (the loop's start prints it with <c>0;-1</c>), then reads one line from its stdin before it starts the next worker:
/// the go (<see cref="Go"/>), which the session sends as soon as it has read the marker. Any other line (a step's text
/// where the loop expected the go: the worker was killed before or while it read its step) or the end of the input
/// ends the shell, so a text is never run in part or by the loop's shell.
/// </summary>
internal static class StepWorkerLoop
{
    /// <summary>The line that lets the loop start the next worker: the session's marker, which no step's text holds.</summary>
    public static string Go(string marker) => marker + "\n";

    public static string Script(string marker)
    {
        var quoted = ShellQuote.Quote(marker);

        // One compound command: the shell parses all of it (and reads no further) before the loop reads its stdin.
        return "{\n"
            + $"printf '%s0;-1\\n' {quoted}\n"
            + $"while IFS= read -r __ccd_go && [ \"$__ccd_go\" = {quoted} ]; do\n"
            + "sh\n"
            + "__ccd_r=$?\n"
            + StepScript.OomProbe
            + $"printf '%s%s;%s\\n' {quoted} \"$__ccd_r\" \"$__ccd_o\"\n"
            + $"printf '%s\\n' {quoted} >&2\n"
            + "done\n"
            + "exit 0\n"
            + "}\n";
    }
}
