using System.Text;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Testing;

/// <summary>Keeps every event of a build, and its console log (the log chunks concatenated).</summary>
public sealed class RecordingObserver : IBuildObserver
{
    private readonly Lock _lock = new();
    private readonly List<BuildEvent> _events = [];
    private readonly StringBuilder _log = new();

    public IReadOnlyList<BuildEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public string Log
    {
        get
        {
            lock (_lock)
            {
                return _log.ToString();
            }
        }
    }

    public void OnEvent(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            _events.Add(buildEvent);
            if (buildEvent is LogChunk chunk)
            {
                _log.Append(chunk.Text);
            }
        }
    }
}
