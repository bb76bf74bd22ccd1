using System.Text;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Shell;

internal sealed partial class StepScript
{
    /// <summary>
    /// The text a <see cref="StepWorkerLoop"/>'s waiting worker (a plain <c>sh</c> reading commands) runs for one step:
    /// it enters the step's directory, makes itself the OOM killer's first choice, exports the step's variables and
    /// cookie, and replaces itself with <c>sh -xe -c</c> (stdin closed, stderr merged into stdout unless stdout is
    /// captured): the same process as the subshell of <see cref="Create"/> ends as, with the same arguments and
    /// environment. A script that runs from a file (<c>#!</c>, or too large) runs in that subshell, as with
    /// <see cref="Create"/>, so that its file is removed after it. The text always ends the worker (<c>exec</c>, whose
    /// failure ends a non-interactive shell, or <c>exit</c>), and is one compound command: the worker reads all of it
    /// and never past it. The loop prints the end marker (the session's) after the worker.
    /// </summary>
    public static StepScript ForWorker(ShellCommand command, string sessionMarker)
    {
        ArgumentNullException.ThrowIfNull(command);
        var nonce = NewNonce();
        // One brace group: the worker parses all of it before it runs a line, however the text arrives in pieces, so
        // no byte of it is left for the loop when the step's exec, or an early exit, ends the worker.
        var text = new StringBuilder("{\n");
        if (NeedsFile(command.Script))
        {
            AppendRun(text, command, nonce);
            text.Append("exit \"$__ccd_r\"\n");
        }
        else
        {
            if (!command.CaptureStdout)
            {
                text.Append("exec 2>&1\n");
            }

            text.Append("cd -- ").Append(ShellQuote.Quote(command.WorkingDirectory)).Append(" || exit 1\n");
            text.Append("{ echo 500 > /proc/self/oom_score_adj; } 2>/dev/null\n");
            var prefix = AppendEnvironment(text, command, nonce);
            text.Append(prefix).Append("sh -xe -c ").Append(ShellQuote.Quote(command.Script)).Append(" </dev/null\n");
        }

        text.Append("}\n");

        return new StepScript(nonce, text.ToString(), command.CaptureStdout, sessionMarker, stderrMarker: true);
    }

    /// <summary>A fresh end marker (a random nonce: step output does not end a step by chance).</summary>
    public static string NewMarker() => $"@@containercd:{NewNonce()}@@";

    /// <summary>A text of the session's own (its probe, the loop's start) that ends with the given marker on stdout, and on stderr when <paramref name="stderrMarker"/>.</summary>
    public static StepScript Control(string text, string marker, bool stderrMarker) =>
        new(NewNonce(), text, captureStdout: false, marker, stderrMarker);
}
