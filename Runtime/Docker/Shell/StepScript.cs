using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>
/// The text sent to a long-lived shell in the agent container to run one <c>sh</c> step: a subshell that
/// enters the step's directory, exports its variables and a per-step cookie (by which a cancel finds
/// the whole process tree, even daemonised children), then runs the script as <c>sh -xe</c> as Jenkins
/// does (or directly when it starts with <c>#!</c>), with stdin closed. After it the shell prints an end
/// marker carrying the exit code and the cgroup's OOM kill count, on stdout and, when stdout is
/// captured, also on stderr so both streams are known complete. The marker holds a random nonce, so
/// step output cannot forge it.
/// </summary>
internal sealed partial class StepScript
{
    /// <summary>Scripts larger than this go through a file: one argument to exec is limited to 128 KiB.</summary>
    private const int InlineLimit = 64 * 1024;

    internal const string OomProbe =
        "__ccd_o=-1; if [ \"$__ccd_r\" -eq 137 ]; then for __ccd_f in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do " +
        "if [ -r \"$__ccd_f\" ]; then while read -r __ccd_k __ccd_v; do if [ \"$__ccd_k\" = oom_kill ]; then __ccd_o=$__ccd_v; fi; done < \"$__ccd_f\"; fi; done; fi\n";

    private StepScript(string nonce, string text, bool captureStdout)
        : this(nonce, text, captureStdout, $"@@containercd:{nonce}@@", stderrMarker: captureStdout)
    {
    }

    private StepScript(string nonce, string text, bool captureStdout, string marker, bool stderrMarker)
    {
        Nonce = nonce;
        Text = text;
        CaptureStdout = captureStdout;
        Marker = Encoding.ASCII.GetBytes(marker);
        StderrMarker = stderrMarker;
    }

    public const string CookieVariable = "CONTAINERCD_STEP_COOKIE";

    public string Nonce { get; }

    /// <summary>The shell text to write to the session's stdin.</summary>
    public string Text { get; }

    public bool CaptureStdout { get; }

    /// <summary>The end marker; on stdout it is followed by <c>exit;oomkills\n</c>.</summary>
    public byte[] Marker { get; }

    /// <summary>Whether the end marker also ends stderr (a captured step's, or every step of a <see cref="StepWorkerLoop"/>).</summary>
    public bool StderrMarker { get; }

    public string Cookie => $"{CookieVariable}={Nonce}";

    public static StepScript Create(ShellCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var nonce = NewNonce();
        var marker = $"@@containercd:{nonce}@@";
        var text = new StringBuilder();
        AppendRun(text, command, nonce);
        text.Append(OomProbe);
        text.Append("printf '%s%s;%s\\n' '").Append(marker).Append("' \"$__ccd_r\" \"$__ccd_o\"\n");
        if (command.CaptureStdout)
        {
            text.Append("printf '%s\\n' '").Append(marker).Append("' >&2\n");
        }

        return new StepScript(nonce, text.ToString(), command.CaptureStdout);
    }

    private static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The step in a subshell, then <c>__ccd_r</c> set to its exit code (and its script file removed).</summary>
    private static void AppendRun(StringBuilder text, ShellCommand command, string nonce)
    {
        text.Append("( cd -- ").Append(ShellQuote.Quote(command.WorkingDirectory)).Append(" || exit 1\n");

        // The step, not the agent's shell, is the OOM killer's first choice: a memory hog must not end the agent.
        text.Append("{ echo 500 > /proc/self/oom_score_adj; } 2>/dev/null\n");
        var prefix = AppendEnvironment(text, command, nonce);
        var script = command.Script;
        var file = $"/tmp/containercd-{nonce}.sh";
        var viaFile = NeedsFile(script);
        if (script.StartsWith("#!", StringComparison.Ordinal))
        {
            text.Append("printf '%s' ").Append(ShellQuote.Quote(script)).Append(" > ").Append(file).Append(" && chmod +x ").Append(file)
                .Append(" && ").Append(prefix).Append(file).Append('\n');
        }
        else if (viaFile)
        {
            text.Append("printf '%s' ").Append(ShellQuote.Quote(script)).Append(" > ").Append(file)
                .Append(" && ").Append(prefix).Append("sh -xe ").Append(file).Append('\n');
        }
        else
        {
            text.Append(prefix).Append("sh -xe -c ").Append(ShellQuote.Quote(script)).Append('\n');
        }

        text.Append(command.CaptureStdout ? ") </dev/null\n" : ") </dev/null 2>&1\n");
        text.Append("__ccd_r=$?\n");
        if (viaFile)
        {
            text.Append("rm -f ").Append(file).Append('\n');
        }
    }

    /// <summary>A script starting with <c>#!</c> runs as a file, and so does one too large for an argument.</summary>
    private static bool NeedsFile(string script) => script.StartsWith("#!", StringComparison.Ordinal) || script.Length > InlineLimit;

    /// <summary>
    /// Exports the step's variables and its cookie; returns how the step's process is started (<c>exec </c>, or
    /// <c>exec env NAME=VALUE... </c> for names the shell cannot assign).
    /// </summary>
    private static string AppendEnvironment(StringBuilder text, ShellCommand command, string nonce)
    {
        var odd = new List<string>();
        foreach (var (name, value) in command.Environment)
        {
            if (name.StartsWith("PATH+", StringComparison.Ordinal))
            {
                text.Append("PATH=").Append(ShellQuote.Quote(value)).Append(":\"$PATH\"; export PATH\n");
            }
            else if (name == "PATH")
            {
                // As with Jenkins' docker agents, the container keeps its own PATH; PATH+NAME entries extend it.
            }
            else if (ShellQuote.IsIdentifier(name))
            {
                text.Append("export ").Append(ShellQuote.Quote($"{name}={value}")).Append('\n');
            }
            else
            {
                odd.Add(ShellQuote.Quote($"{name}={value}"));
            }
        }

        text.Append("export ").Append(CookieVariable).Append('=').Append(nonce).Append('\n');
        return odd.Count == 0 ? "exec " : "exec env " + string.Join(' ', odd) + " ";
    }
}
