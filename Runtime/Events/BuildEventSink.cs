using System.Collections.Immutable;
using System.Text;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// The one way a build publishes events: numbers them (one sequence per build), masks secrets in
/// every text, keeps the UTF-8 offset of each log chunk so that the chunks concatenate to the console
/// log byte for byte, and hands them to the observer in sequence order (under one lock).
/// </summary>
public sealed class BuildEventSink : IDisposable
{
    private readonly IBuildObserver _observer;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LogSpillFile _spill = new();
    private long _sequence;
    private long _offset;

    public BuildEventSink(string buildId, IBuildObserver observer, SecretMasker masker, TimeProvider time)
    {
        BuildId = buildId;
        _observer = observer;
        Masker = masker;
        _time = time;
    }

    public string BuildId { get; }

    public SecretMasker Masker { get; }

    /// <summary>Bytes of console log written so far.</summary>
    public long LogLength => Interlocked.Read(ref _offset);

    /// <summary>How much of the log's end <see cref="LogText"/> gives (bytes of UTF-8).</summary>
    internal int LogTextLimit { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The console log written so far, masked (what emailext's attachLog attaches): all of it, or its last
    /// <see cref="LogTextLimit"/> bytes after a line saying how much was left out. Read back from a temporary
    /// file, so a large log is not held in memory for the build's whole life.
    /// </summary>
    public string LogText()
    {
        lock (_lock)
        {
            var (text, omitted) = _spill.Tail(LogTextLimit);
            return omitted == 0
                ? text
                : $"[... the first {omitted} bytes of the log are left out: containercd attaches its last {LogTextLimit}]\n" + text;
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public void Log(string text, string? stageId, string? stepId)
    {
        if (text.Length == 0)
        {
            return;
        }

        var masked = Masker.Apply(text);
        lock (_lock)
        {
            var offset = _offset;
            _offset += Encoding.UTF8.GetByteCount(masked);
            _spill.Append(masked);
            Publish(new LogChunk(BuildId, ++_sequence, _time.GetUtcNow(), stageId, stepId, offset, masked));
        }
    }

    public void BuildStarted(string job, int number, string cause) =>
        Emit((seq, now) => new BuildStarted(BuildId, seq, now, job, number, Masker.Apply(cause)));

    public void BuildFinished(BuildResult result, TimeSpan duration) =>
        Emit((seq, now) => new BuildFinished(BuildId, seq, now, result, duration));

    public void StageStarted(string stageId, string? parentId, ImmutableArray<string> path, StageKind kind) =>
        Emit((seq, now) => new StageStarted(BuildId, seq, now, stageId, parentId, path, kind));

    public void StageFinished(string stageId, string? parentId, ImmutableArray<string> path, StageKind kind, BuildResult result, DateTimeOffset startedAt, string? skipReason) =>
        Emit((seq, now) => new StageFinished(BuildId, seq, now, stageId, parentId, path, kind, result, startedAt, now - startedAt, Masker.ApplyNullable(skipReason)));

    public void StepStarted(string stepId, string? stageId, string name, string? description) =>
        Emit((seq, now) => new StepStarted(BuildId, seq, now, stepId, stageId, name, Masker.ApplyNullable(description)));

    public void StepFinished(string stepId, string? stageId, BuildResult result, DateTimeOffset startedAt, string? error) =>
        Emit((seq, now) => new StepFinished(BuildId, seq, now, stepId, stageId, result, now - startedAt, Masker.ApplyNullable(error)));

    public void InputRequested(string? stageId, string inputId, string message, string ok, string? submitter, ImmutableArray<InputParameter> parameters) =>
        Emit((seq, now) => new InputRequested(BuildId, seq, now, stageId, inputId, Masker.Apply(message), ok, submitter, parameters));

    public void InputAnswered(string inputId, bool proceeded, string? submitter) =>
        Emit((seq, now) => new InputAnswered(BuildId, seq, now, inputId, proceeded, submitter));

    public void TestReport(string? stageId, int total, int failed, int skipped, ImmutableArray<TestCaseResult> cases) =>
        Emit((seq, now) => new TestReport(BuildId, seq, now, stageId, total, failed, skipped,
            [.. cases.Select(c => c with
            {
                Message = Masker.ApplyNullable(c.Message),
                StackTrace = Masker.ApplyNullable(c.StackTrace),
                Stdout = Masker.ApplyNullable(c.Stdout),
                Stderr = Masker.ApplyNullable(c.Stderr),
            })]));

    public void CoverageReport(string? stageId, string recorder, Publishing.CoverageSummary summary) =>
        Emit((seq, now) => new CoverageReport(
            BuildId, seq, now, stageId, summary.Tool, summary.LinesCovered, summary.LinesTotal, summary.BranchesCovered, summary.BranchesTotal, recorder));

    /// <summary>Deletes the log's temporary copy; the build's events are all out by then.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _spill.Dispose();
        }
    }

    /// <summary>A delivery step's change to a deployment; its project, message and image names and digests pass the masker as log text does.</summary>
    public void Deployment(
        string? stageId, string project, DeploymentPhase phase, string strategy, ImmutableDictionary<string, int> weights, ImmutableDictionary<string, string> imageDigests, string? message) =>
        Emit((seq, now) => new DeploymentEvent(BuildId, seq, now, stageId, Masker.Apply(project), phase, strategy, weights,
            imageDigests.ToImmutableDictionary(d => Masker.Apply(d.Key), d => Masker.Apply(d.Value), StringComparer.Ordinal), Masker.ApplyNullable(message)));

    private void Emit(Func<long, DateTimeOffset, BuildEvent> create)
    {
        lock (_lock)
        {
            Publish(create(++_sequence, _time.GetUtcNow()));
        }
    }

    private void Publish(BuildEvent buildEvent)
    {
        try
        {
            _observer.OnEvent(buildEvent);
        }
#pragma warning disable CA1031 // An observer's failure must not break the build; the contract says observers never throw.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
