using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Live;

/// <summary>
/// Delivers one build's events to one client from a sequence number: the backlog from the journal, then
/// live events from the build's <see cref="BuildStream"/>, in order, with no gap and no duplicate. Log
/// chunks go out at once when output is sparse; under load they are held (at most
/// <see cref="MaxHold"/>) and merged into messages of at most 64 KiB. Sends are awaited, so a slow client
/// only slows its own subscription. One that falls out of the stream's in-memory window catches up from the
/// journal; one more than <c>maxLagBytes</c> of log behind the build gets <see cref="IBuildClient.Resync"/>
/// and the subscription ends.
/// </summary>
internal sealed class Subscription(
    string buildId,
    long fromSequence,
    IBuildClient client,
    LiveBuilds live,
    BuildPaths paths,
    TimeProvider time,
    long maxLagBytes)
{
    private long _sentLogEnd;

    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(20);
    private const int BatchSize = 1024;

    /// <summary>How many messages within <see cref="MaxHold"/> count as load (about 200 messages a second).</summary>
    private const int LoadSends = 4;

    public string BuildId { get; } = buildId;

    /// <summary>The next sequence number this subscription will send.</summary>
    public long Next { get; private set; } = Math.Max(1, fromSequence);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!BuildIds.TryParse(BuildId, out var job, out var number))
        {
            return;
        }

        var items = new List<BuildEventDto>(BatchSize);
        IEnumerator<BuildEventDto>? journal = null;
        // The backlog is what existed when the subscription began: the client asked for it, however long.
        var backlogEnd = live.Get(BuildId)?.LastSequence ?? long.MaxValue;
        var recentSends = new DateTimeOffset[LoadSends];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                items.Clear();
                var stream = live.Get(BuildId);
                if (stream is not null && stream.TryRead(Next, BatchSize, items))
                {
                    journal?.Dispose();
                    journal = null;
                    if (items.Count == 0)
                    {
                        if (stream.Finished && Next > stream.LastSequence)
                        {
                            return;
                        }

                        await stream.WaitForAsync(Next, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (ShouldHold(items, stream, recentSends))
                    {
                        // Under load: let more output gather for one message, then read again.
                        await Task.Delay(MaxHold, time, cancellationToken).ConfigureAwait(false);
                        items.Clear();
                        if (!stream.TryRead(Next, BatchSize, items))
                        {
                            continue;
                        }
                    }
                }
                else if (Next <= backlogEnd || stream is null || stream.LogHead - _sentLogEnd <= maxLagBytes)
                {
                    journal ??= EventJournal.Read(
                        paths.JournalFile(job, number), paths.LogFile(job, number), BuildId, Next, stream?.JournalPositionBefore(Next) ?? 0).GetEnumerator();
                    long bytes = 0;
                    while (items.Count < BatchSize && bytes < LogCoalescer.MaxMessageBytes * 4 && journal.MoveNext())
                    {
                        if (journal.Current.Sequence >= Next)
                        {
                            items.Add(journal.Current);
                            bytes += journal.Current is LogDto log ? log.Length : 0;
                        }
                    }

                    if (items.Count == 0)
                    {
                        journal.Dispose();
                        journal = null;
                        if (stream is null)
                        {
                            return; // A finished build, read to its end.
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                else
                {
                    await client.Resync(new ResyncDto(BuildId, Next, "The client fell too far behind the build; subscribe again from fromSequence.")).ConfigureAwait(false);
                    return;
                }

                foreach (var message in LogCoalescer.Coalesce(items))
                {
                    await SendAsync(message).ConfigureAwait(false);
                    Next = message.Through + 1;
                    if (message is LogDto log)
                    {
                        _sentLogEnd = log.Offset + log.Length;
                    }

                    Array.Copy(recentSends, 1, recentSends, 0, LoadSends - 1);
                    recentSends[^1] = time.GetUtcNow();
                }
            }
        }
        finally
        {
            journal?.Dispose();
        }
    }

    /// <summary>
    /// Under load (this subscription sent <see cref="LoadSends"/> messages within the last <see cref="MaxHold"/>)
    /// a batch of log text smaller than a full message waits for more; sparse output never waits.
    /// </summary>
    private bool ShouldHold(List<BuildEventDto> items, BuildStream stream, DateTimeOffset[] recentSends) =>
        items[0] is LogDto
        && items.Count < BatchSize
        && !stream.Finished
        && LogCoalescer.LeadingLogBytes(items) < LogCoalescer.MaxMessageBytes
        && items.TrueForAll(i => i is LogDto)
        && time.GetUtcNow() - recentSends[0] < MaxHold;

    private Task SendAsync(BuildEventDto message) => message switch
    {
        LogDto m => client.Log(m),
        StageStartedDto m => client.StageStarted(m),
        StageFinishedDto m => client.StageFinished(m),
        StepStartedDto m => client.StepStarted(m),
        StepFinishedDto m => client.StepFinished(m),
        BuildStartedDto m => client.BuildStarted(m),
        BuildFinishedDto m => client.BuildFinished(m),
        TestReportDto m => client.TestReport(m),
        CoverageReportDto m => client.CoverageReport(m),
        InputRequestedDto m => client.InputRequested(m),
        InputAnsweredDto m => client.InputAnswered(m),
        DeploymentDto m => client.Deployment(m),
        _ => Task.CompletedTask,
    };
}
