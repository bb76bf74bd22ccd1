using System.Buffers;
using System.Globalization;
using System.Text;

namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>
/// Shell text run after one step by the session's own long-lived shell (no subshell, no <c>sh -xe</c>), in the same
/// round trip: its output comes back on stdout after the step's end marker line, up to a marker of its own (with the
/// step's nonce, so nothing the step prints can forge it) carrying its exit status. A remote node lists its workspace
/// this way (see <see cref="Nodes.NodeListing"/>), with no second round trip per step. The text must not end the shell
/// (no <c>exit</c>: a function's <c>return</c> instead); its stderr is discarded. One epilogue serves one step:
/// <see cref="Output"/> and <see cref="ExitCode"/> are set once the step has returned, or stay null when the step
/// did not end normally (its shell lost).
/// </summary>
internal sealed class StepEpilogue(string text)
{
    public string Text { get; } = text;

    /// <summary>What the epilogue printed on stdout; null until it ended.</summary>
    public string? Output { get; private set; }

    /// <summary>The epilogue's exit status; null until it ended.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The shell text that follows the step's own text: the epilogue, then its end marker and status.</summary>
    internal string TextAfter(string nonce) =>
        "{\n" + Text + "\n} 2>/dev/null\nprintf '%s%s\\n' '" + Marker(nonce) + "' \"$?\"\n";

    internal Reader ReadFor(string nonce) => new(this, Encoding.ASCII.GetBytes(Marker(nonce)));

    private static string Marker(string nonce) => $"@@containercd-epilogue:{nonce}@@";

    /// <summary>Takes the bytes that follow the step's end marker line until the epilogue's own marker line.</summary>
    internal sealed class Reader(StepEpilogue epilogue, byte[] marker)
    {
        private readonly MarkerScanner _scanner = new(marker);
        private readonly ArrayBufferWriter<byte> _output = new();

        public bool Complete => _scanner.Complete;

        public void Feed(ReadOnlySpan<byte> chunk)
        {
            if (_scanner.Complete)
            {
                return;
            }

            _output.Write(_scanner.Feed(chunk));
            if (_scanner.Complete)
            {
                epilogue.Output = Encoding.UTF8.GetString(_output.WrittenSpan);
                epilogue.ExitCode = int.TryParse(_scanner.Trailer, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1;
            }
        }
    }
}
