using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Live;

/// <summary>
/// The recent events of one running build, in memory, for its live subscribers: a window bounded in
/// count and in log bytes (older events are read back from the journal). Appends never wait on a
/// subscriber; a subscriber whose position fell out of the window is told to resync.
/// </summary>
internal sealed class BuildStream(string buildId, string job, int number, long maxWindowBytes = BuildStream.DefaultWindowBytes, int maxWindowEvents = BuildStream.DefaultWindowEvents)
{
    public const long DefaultWindowBytes = 8 * 1024 * 1024;
    public const int DefaultWindowEvents = 50_000;
    private const int IndexEvery = 256;

    private readonly Lock _lock = new();
    private readonly List<BuildEventDto> _window = [];
    private readonly SortedList<long, long> _journalIndex = [];
    private int _head;
    private long _windowBytes;
    private long _lastSequence;
    private long _logHead;
    private bool _finished;
    private TaskCompletionSource? _changed;

    public string BuildId { get; } = buildId;

    public string Job { get; } = job;

    public int Number { get; } = number;

    public long LastSequence
    {
        get { lock (_lock) { return _lastSequence; } }
    }

    /// <summary>The end of the log so far (UTF-8 bytes), as the last log event says.</summary>
    public long LogHead
    {
        get { lock (_lock) { return _logHead; } }
    }

    public bool Finished
    {
        get { lock (_lock) { return _finished; } }
    }

    /// <summary>Adds the next event; <paramref name="journalPosition"/> is where its journal line starts.</summary>
    public void Append(BuildEventDto dto, long journalPosition)
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            _window.Add(dto);
            _windowBytes += Cost(dto);
            _lastSequence = dto.Sequence;
            if (dto is LogDto log)
            {
                _logHead = log.Offset + log.Length;
            }
            if (dto.Sequence % IndexEvery == 1)
            {
                _journalIndex[dto.Sequence] = journalPosition;
            }

            if (dto is BuildFinishedDto)
            {
                _finished = true;
            }

            while ((_windowBytes > maxWindowBytes || _window.Count - _head > maxWindowEvents) && _window.Count - _head > 1)
            {
                _windowBytes -= Cost(_window[_head]);
                _window[_head] = null!;
                _head++;
            }

            if (_head > 4096 && _head > _window.Count / 2)
            {
                _window.RemoveRange(0, _head);
                _head = 0;
            }

            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    /// <summary>Marks the stream ended without a BuildFinished event (the server stopped it), waking waiters.</summary>
    public void Close()
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            _finished = true;
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    /// <summary>
    /// Copies events from <paramref name="fromSequence"/> on (at most <paramref name="maxItems"/>) into
    /// <paramref name="items"/>. False when that sequence is older than the window (read the journal).
    /// </summary>
    public bool TryRead(long fromSequence, int maxItems, List<BuildEventDto> items)
    {
        lock (_lock)
        {
            if (_window.Count - _head == 0)
            {
                return fromSequence > _lastSequence;
            }

            var first = _window[_head].Sequence;
            if (fromSequence < first)
            {
                return false;
            }

            for (var i = _head + (int)(fromSequence - first); i < _window.Count && items.Count < maxItems; i++)
            {
                items.Add(_window[i]);
            }

            return true;
        }
    }

    /// <summary>A journal position at or before the line of <paramref name="sequence"/> (0 when unknown).</summary>
    public long JournalPositionBefore(long sequence)
    {
        lock (_lock)
        {
            long position = 0;
            foreach (var (seq, pos) in _journalIndex)
            {
                if (seq > sequence)
                {
                    break;
                }

                position = pos;
            }

            return position;
        }
    }

    /// <summary>Completes when an event with a sequence of at least <paramref name="sequence"/> exists, or the stream ends.</summary>
    public Task WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_lastSequence >= sequence || _finished)
            {
                return Task.CompletedTask;
            }

            _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Roughly what an event costs in memory: UTF-16 text plus the payload, segment and list objects.</summary>
    private static long Cost(BuildEventDto dto) => dto is LogDto log ? (2L * log.Text.Length) + 320 : 512;
}
