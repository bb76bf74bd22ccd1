using System.Buffers;
using System.Text;
using ContainerCd.Runtime.Events;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Live;

/// <summary>
/// Records one build as its events happen: log text appended to the build's log file and every event to
/// its journal (plain writes to the OS, so a killed server loses nothing already written), then handed to
/// the live <see cref="BuildStream"/> and to the database writer. Called on build threads; it never waits
/// on a subscriber or on the database.
/// </summary>
internal sealed class BuildRecorder : IBuildObserver, IDisposable
{
    private readonly Lock _lock = new();
    private readonly FileStream _log;
    private readonly FileStream _journal;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly StoreWriter _storeWriter;
    private readonly TimeProvider _time;
    private long _lastSequence;
    private long _logLength;
    private bool _disposed;
    private bool _started;

    public BuildRecorder(BuildPaths paths, string job, int number, BuildStream stream, StoreWriter storeWriter, TimeProvider time)
    {
        Job = job;
        Number = number;
        Stream = stream;
        _storeWriter = storeWriter;
        _time = time;
        Directory.CreateDirectory(paths.BuildFolder(job, number));
        _log = new FileStream(paths.LogFile(job, number), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        _logLength = _log.Length;
        var journalFile = paths.JournalFile(job, number);
        var (lastSequence, completeLength) = EventJournal.Tail(journalFile);
        _journal = new FileStream(journalFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        _journal.SetLength(completeLength);
        _journal.Position = completeLength;
        _lastSequence = lastSequence;
        _started = lastSequence > 0;
    }

    public string Job { get; }

    public int Number { get; }

    public string BuildId => BuildIds.Format(Job, Number);

    public BuildStream Stream { get; }

    public long LastSequence
    {
        get { lock (_lock) { return _lastSequence; } }
    }

    /// <summary>Whether a BuildStarted event was recorded (by the executor, or before this server restarted).</summary>
    public bool Started
    {
        get { lock (_lock) { return _started; } }
    }

    public long LogLength
    {
        get { lock (_lock) { return _logLength; } }
    }

    public void OnEvent(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            Record(buildEvent);
        }
    }

    /// <summary>Appends an event of the server's own (abort on restart, a failure to start): it gets the next sequence number.</summary>
    public void Emit(Func<long, DateTimeOffset, BuildEvent> create)
    {
        lock (_lock)
        {
            Record(create(_lastSequence + 1, _time.GetUtcNow()));
        }
    }

    /// <summary>Appends a line of the server's own to the log (a LogChunk with the next sequence number).</summary>
    public void EmitLine(string line)
    {
        lock (_lock)
        {
            var text = line.EndsWith('\n') ? line : line + "\n";
            Record(new LogChunk(BuildId, _lastSequence + 1, _time.GetUtcNow(), null, null, _logLength, text));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _log.Dispose();
            _journal.Dispose();
        }
    }

    private void Record(BuildEvent buildEvent)
    {
        if (_disposed || buildEvent.Sequence <= _lastSequence)
        {
            return;
        }

        var dto = EventMapper.ToDto(buildEvent);
        _started |= buildEvent is BuildStarted;
        if (buildEvent is LogChunk chunk)
        {
            var bytes = Encoding.UTF8.GetBytes(chunk.Text);
            _log.Write(bytes);
            _logLength += bytes.Length;
        }

        var position = _journal.Position;
        _line.ResetWrittenCount();
        EventJournal.WriteLine(_line, dto);
        _journal.Write(_line.WrittenSpan);
        _lastSequence = buildEvent.Sequence;
        Stream.Append(dto, position);
        if (dto is not LogDto)
        {
            _storeWriter.Enqueue(Job, Number, dto);
        }
    }
}
