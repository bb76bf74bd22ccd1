using System.Text;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Docker.Tests;

/// <summary>Collects what an agent writes, keeping the chunks apart to check streaming.</summary>
public sealed class CollectingOutput : IShellOutput
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<string> _chunks = [];

    public event Action<string>? Written;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public IReadOnlyList<string> Chunks
    {
        get
        {
            lock (_gate)
            {
                return [.. _chunks];
            }
        }
    }

    public void Write(string text)
    {
        lock (_gate)
        {
            _text.Append(text);
            _chunks.Add(text);
        }

        Written?.Invoke(text);
    }
}
