using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Live;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Builds;

/// <summary>
/// At start-up, ends the builds a previous server process left queued or running: each gets a log line
/// saying why, <c>Finished: ABORTED</c> and a BuildFinished event after its last recorded one.
/// </summary>
internal static class RestartRecovery
{
    public const string Reason = "Aborted: the server stopped while this build was running (containercd serve restarted).";

    public static async Task<int> AbortLeftoversAsync(BuildStore store, StoreWriter storeWriter, BuildPaths paths, TimeProvider time)
    {
        var leftovers = store.Unfinished();
        foreach (var build in leftovers)
        {
            var stream = new BuildStream(build.BuildId, build.Job, build.Number);
            using (var recorder = new BuildRecorder(paths, build.Job, build.Number, stream, storeWriter, time))
            {
                if (!recorder.Started)
                {
                    recorder.Emit((seq, now) => new BuildStarted(build.BuildId, seq, now, build.Job, build.Number, build.Cause.ShortDescription));
                }

                recorder.EmitLine(Reason);
                recorder.EmitLine("Finished: ABORTED");
                var startedAt = build.StartedAt ?? build.QueuedAt;
                recorder.Emit((seq, now) => new BuildFinished(build.BuildId, seq, now, BuildResult.Aborted, now - startedAt));
            }
        }

        await storeWriter.FlushAsync().ConfigureAwait(false);
        return leftovers.Count;
    }
}
