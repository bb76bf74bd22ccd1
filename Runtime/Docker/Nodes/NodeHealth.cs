namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// What the pings of a node measured: when it was last asked, and how long it took to answer (the last answer and the
/// average of the last <see cref="Samples"/>, as Jenkins' ResponseTimeMonitor averages its last five). A ping that gets
/// no answer counts in <see cref="NodeHealthReport.CheckedAt"/> only: the node is then offline, with the reason.
/// </summary>
public sealed class NodeHealth
{
    public const int Samples = 5;

    private readonly Queue<TimeSpan> _answers = new();
    private readonly Lock _gate = new();
    private NodeHealthReport _report = new(null, null, null);

    /// <summary>The measures as they are now.</summary>
    public NodeHealthReport Report
    {
        get
        {
            lock (_gate)
            {
                return _report;
            }
        }
    }

    internal void Answered(DateTimeOffset at, TimeSpan took)
    {
        lock (_gate)
        {
            _answers.Enqueue(took);
            if (_answers.Count > Samples)
            {
                _answers.Dequeue();
            }

            _report = new NodeHealthReport(at, took, TimeSpan.FromTicks((long)_answers.Average(a => a.Ticks)));
        }
    }

    internal void Unanswered(DateTimeOffset at)
    {
        lock (_gate)
        {
            _report = _report with { CheckedAt = at };
        }
    }
}
