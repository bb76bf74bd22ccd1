using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Server.Cli;

/// <summary>
/// Prints the console log as it is produced. On an interactive terminal it also keeps a live stage line
/// on stderr (the running stages and their time) and prints a stage summary at the end.
/// </summary>
internal sealed class ConsoleBuildObserver(bool interactive, Stream? output = null) : IBuildObserver
{
    private readonly Stream _stdout = output ?? Console.OpenStandardOutput();
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, StageStarted> _running = new(StringComparer.Ordinal);
    private readonly List<StageFinished> _finished = [];
    private bool _statusShown;
    private bool _ended;

    /// <summary>When the first (non-synthetic) stage started; with <see cref="LastStageFinished"/>, the span benchmarks measure.</summary>
    public DateTimeOffset? FirstStageStarted { get; private set; }

    public DateTimeOffset? LastStageFinished { get; private set; }

    /// <summary>The build being printed, once it started (its id labels its processes and containers).</summary>
    public BuildStarted? Started { get; private set; }

    public void OnEvent(BuildEvent buildEvent)
    {
        lock (_lock)
        {
            if (_ended)
            {
                ClearStatus();
                return;
            }

            switch (buildEvent)
            {
                case BuildStarted started:
                    Started ??= started;
                    break;
                case LogChunk chunk:
                    ClearStatus();
                    var bytes = Encoding.UTF8.GetBytes(chunk.Text);
                    _stdout.Write(bytes);
                    _stdout.Flush();
                    // The engine's own "Finished: RESULT", outside any stage or step, is the log's last line.
                    _ended = chunk.StageId is null && chunk.StepId is null && chunk.Text.StartsWith("Finished: ", StringComparison.Ordinal);
                    if (!_ended)
                    {
                        ShowStatus();
                    }

                    break;
                case StageStarted started:
                    _running[started.StageId] = started;
                    if (started.Kind != StageKind.Synthetic)
                    {
                        FirstStageStarted ??= started.Timestamp;
                    }

                    ShowStatus();
                    break;
                case StageFinished finished:
                    _running.TryRemove(finished.StageId, out _);
                    if (finished.Kind != StageKind.Synthetic)
                    {
                        LastStageFinished = finished.Timestamp;
                    }

                    _finished.Add(finished);
                    ShowStatus();
                    break;
                case BuildFinished:
                    ClearStatus();
                    break;
            }
        }
    }

    /// <summary>Writes a line of the console log that does not come from the build (a signal received, a forced exit).</summary>
    public void WriteLine(string text)
    {
        lock (_lock)
        {
            WriteLineUnlessEnded(text);
        }
    }

    /// <summary>
    /// Writes the log's last line (a forced exit's <c>Finished: ABORTED</c>) unless the build already ended its log:
    /// whatever the unwinding build still prints after it is dropped, so the console ends as Jenkins' does.
    /// </summary>
    public void End(string lastLine)
    {
        lock (_lock)
        {
            WriteLineUnlessEnded(lastLine);
            _ended = true;
        }
    }

    /// <summary>Writes a prompt line for an input on the terminal.</summary>
    public void Prompt(string text)
    {
        lock (_lock)
        {
            ClearStatus();
            Console.Error.Write(text);
        }
    }

    public void PrintSummary()
    {
        if (!interactive || _finished.Count == 0)
        {
            return;
        }

        var error = Console.Error;
        error.WriteLine();
        error.WriteLine("Stages:");
        foreach (var stage in _finished.Where(s => s.Kind != StageKind.Synthetic || s.Name.Contains("Post", StringComparison.Ordinal)))
        {
            var indent = new string(' ', 2 * stage.Path.Length);
            var status = stage.Skipped ? "skipped" : stage.Result.ToJenkinsName();
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}{stage.Name,-40} {status,-9} {stage.Duration.TotalSeconds,7:0.0}s"));
        }
    }

    private void WriteLineUnlessEnded(string text)
    {
        if (!_ended)
        {
            ClearStatus();
            _stdout.Write(Encoding.UTF8.GetBytes(text + "\n"));
            _stdout.Flush();
        }
    }

    private void ShowStatus()
    {
        if (!interactive || _running.IsEmpty)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow();
        var text = string.Join(" | ", _running.Values.OrderBy(s => s.Sequence).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {(now - s.Timestamp).TotalSeconds:0}s")));
        if (text.Length > 100)
        {
            text = text[..97] + "...";
        }

        Console.Error.Write("\r\u001b[2K\u001b[36m▶ " + text + "\u001b[0m");
        _statusShown = true;
    }

    private void ClearStatus()
    {
        if (_statusShown)
        {
            Console.Error.Write("\r\u001b[2K");
            _statusShown = false;
        }
    }
}
