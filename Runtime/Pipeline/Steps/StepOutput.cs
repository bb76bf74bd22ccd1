using System.Text;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// A step's output on its way to the log: complete lines go out as they arrive (so a secret is never
/// split across two chunks and escapes the masker); a partial line waits for its end or for
/// <see cref="Flush"/> when the step ends.
/// </summary>
public sealed class StepOutput(BuildContext build, FlowContext flow) : IShellOutput
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _lock = new();

    public void Write(string text)
    {
        string? complete = null;
        lock (_lock)
        {
            _pending.Append(text);
            var last = LastNewline(_pending);
            if (last >= 0)
            {
                complete = _pending.ToString(0, last + 1);
                _pending.Remove(0, last + 1);
            }
        }

        if (complete is not null)
        {
            build.WriteOutput(flow, complete);
        }
    }

    public void Flush()
    {
        string rest;
        lock (_lock)
        {
            rest = _pending.ToString();
            _pending.Clear();
        }

        if (rest.Length > 0)
        {
            build.WriteOutput(flow, rest + "\n");
        }
    }

    private static int LastNewline(StringBuilder builder)
    {
        for (var i = builder.Length - 1; i >= 0; i--)
        {
            if (builder[i] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
