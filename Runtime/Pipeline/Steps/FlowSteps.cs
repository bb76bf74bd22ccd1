using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Pipeline.Locks;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>Block steps that shape how their body runs: dir, ws, withEnv, timeout, retry, catchError, warnError, waitUntil, lock.</summary>
internal static class FlowSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("dir", DirAsync);
        yield return new DelegateStep("ws", WsAsync);
        yield return new DelegateStep("withEnv", WithEnvAsync);
        yield return new DelegateStep("timeout", TimeoutAsync);
        yield return new DelegateStep("retry", RetryAsync);
        yield return new DelegateStep("catchError", context => CatchErrorAsync(context, BuildResult.Failure, BuildResult.Success));
        yield return new DelegateStep("warnError", context => CatchErrorAsync(context, BuildResult.Unstable, BuildResult.Unstable));
        yield return new DelegateStep("waitUntil", WaitUntilAsync);
        yield return new DelegateStep("lock", LockAsync);
    }

    /// <summary>
    /// Changes the current directory (as the shell sees it: links are not resolved) and creates it where ContainerCd
    /// owns it: in the workspace, through links only where they stay inside; elsewhere only on the host agent, as
    /// Jenkins does (a Docker agent's own directories are the container's). On a remote node a folder this machine's copy
    /// lacks is looked for there first (the mirror brought level: a step there may have made it, or a link of that name);
    /// one made here goes there before the next step there.
    /// </summary>
    private static async ValueTask<object?> DirAsync(StepContext context)
    {
        var requested = context.RequiredString("path");
        var path = Path.GetFullPath(Path.Combine(context.WorkingDirectory, requested));
        var resolution = context.Files.Resolve(context.WorkingDirectory, requested);
        if (resolution.IsInside)
        {
            if (!Directory.Exists(resolution.FullPath))
            {
                await WorkspaceSync.LevelAsync(context.Build, context.Flow).ConfigureAwait(false);
                resolution = context.Files.Resolve(context.WorkingDirectory, requested);
                if (resolution.IsInside && !Directory.Exists(resolution.FullPath))
                {
                    Directory.CreateDirectory(resolution.FullPath);
                    WorkspaceSync.ChangedHere(context.Flow);
                }
            }
        }
        else if (resolution.Verdict == Files.PathVerdict.Outside && resolution.Link is null && context.RequireNode().IsHost)
        {
            Directory.CreateDirectory(path);
        }

        context.Log("Running in " + path);
        return await context.RunBodyAsync(context.Flow with { Directory = path }).ConfigureAwait(false);
    }

    private static ValueTask<object?> WsAsync(StepContext context)
    {
        var node = context.RequireNode();
        var path = context.RequiredString("dir");
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(node.Workspace, "..", path));
        Directory.CreateDirectory(full);
        context.Log("Running in " + full);
        return context.RunBodyAsync(context.Flow with { Node = node with { Workspace = full }, Directory = null });
    }

    private static ValueTask<object?> WithEnvAsync(StepContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in GroovyInterpreter.Iterate(context.Argument("overrides")))
        {
            var text = GroovyFormat.ToDisplayString(entry);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw context.Abort($"withEnv expects NAME=VALUE entries, got '{text}'");
            }

            values[text[..equals]] = text[(equals + 1)..];
        }

        return context.RunBodyAsync(context.Flow.WithEnvironment(values));
    }

    private static async ValueTask<object?> TimeoutAsync(StepContext context)
    {
        var time = context.Number("time") ?? throw context.Abort("timeout needs a time");
        var unit = context.Text("unit", int.MaxValue) ?? "MINUTES";
        var activity = context.Boolean("activity", false);
        var span = TimeUnits.ToTimeSpan(time, unit);
        context.Log((activity ? "Timeout set to expire after " : "Timeout set to expire in ") + TimeUnits.Describe(span) + (activity ? " without activity" : string.Empty));
        using var scope = context.Flow.Cancellation.CreateChild();
        var fired = 0;
        // Disposed asynchronously, before the scope: a callback firing as the body returns completes before the scope goes.
        await using var timer = context.Build.Time.CreateTimer(
            _ =>
            {
                if (Interlocked.Exchange(ref fired, 1) == 0)
                {
                    context.Log("Cancelling nested steps due to timeout");
                    scope.Cancel(BuildResult.Aborted, "Timeout has been exceeded");
                }
            },
            null,
            span,
            Timeout.InfiniteTimeSpan);
        var flow = context.Flow with { Cancellation = scope };
        if (activity)
        {
            flow = flow with { ActivityListeners = flow.ActivityListeners.Add(() => timer.Change(span, Timeout.InfiniteTimeSpan)) };
        }

        return await context.RunBodyAsync(flow).ConfigureAwait(false);
    }

    private static async ValueTask<object?> RetryAsync(StepContext context)
    {
        var count = context.Number("count") ?? 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.RunBodyAsync().ConfigureAwait(false);
            }
            catch (GroovyException e) when (attempt < count && !context.CancellationToken.IsCancellationRequested)
            {
                context.Log(PipelineErrors.Describe(e.Value));
                context.Log("Retrying");
            }
        }
    }

    private static async ValueTask<object?> CatchErrorAsync(StepContext context, BuildResult defaultBuild, BuildResult defaultStage)
    {
        var buildResult = ParseResult(context, "buildResult", defaultBuild);
        var stageResult = ParseResult(context, "stageResult", defaultStage);
        var message = context.Step.Name == "warnError" ? context.Text("message") : context.Text("message", int.MaxValue);
        var catchInterruptions = context.Boolean("catchInterruptions", true);
        try
        {
            return await context.RunBodyAsync().ConfigureAwait(false);
        }
        catch (GroovyException e) when (!e.Value.IsInterruption || (catchInterruptions && !context.CancellationToken.IsCancellationRequested))
        {
            if (message is not null)
            {
                context.Log("ERROR: " + message);
            }

            context.Log(PipelineErrors.Describe(e.Value));
            if (buildResult != BuildResult.Success)
            {
                context.Build.SetResult(buildResult);
            }

            if (stageResult != BuildResult.Success)
            {
                context.Flow.Stage?.Worsen(stageResult);
            }

            return null;
        }
    }

    private static BuildResult ParseResult(StepContext context, string name, BuildResult fallback) =>
        context.Text(name, int.MaxValue) is { } text
            ? BuildResultExtensions.TryParseJenkinsName(text, out var parsed) ? parsed : throw context.Abort($"Unknown result '{text}' for {name}")
            : fallback;

    private static async ValueTask<object?> WaitUntilAsync(StepContext context)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var result = await context.RunBodyAsync().ConfigureAwait(false);
            if (GroovyTruth.IsTrue(result))
            {
                return null;
            }

            context.Log($"Will try again after {TimeUnits.Describe(delay)}");
            var token = context.CancellationToken;
            try
            {
                await context.Build.WhileWaitingAsync(async () => await Task.Delay(delay, context.Build.Time, token).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw context.Flow.Cancellation.CreateInterruptedException();
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.2, 15_000));
        }
    }

    /// <summary>
    /// lock (lockable-resources) on a resource name, held across the builds of this home in every process
    /// (<see cref="LockableResources"/>). Resources chosen by label, quantity or extra need the plugin's
    /// resource pool, which ContainerCd has not: the step catalog declares them unsupported, so lint warns
    /// and the dispatcher fails the step rather than lock something else.
    /// </summary>
    private static async ValueTask<object?> LockAsync(StepContext context)
    {
        var resource = context.Text("resource") ?? throw context.Abort("Either resource label or resource name must be specified");
        var description = $"[Resource: {resource}]";
        var home = context.Build.Request.Home;
        var holder = $"{context.Build.Job} #{context.Build.Number}";
        context.Log($"Trying to acquire lock on {description}");
        LockableResources.Held held;
        if (context.Boolean("skipIfLocked", false))
        {
            if (LockableResources.TryAcquire(home, resource, holder) is not { } taken)
            {
                context.Log($"{description} is locked, skipping execution...");
                return null;
            }

            held = taken;
        }
        else
        {
            var token = context.CancellationToken;
            try
            {
                held = await context.Build.WhileWaitingAsync(() => LockableResources.AcquireAsync(home, resource, holder, context.Build.Time,
                    () => context.Log($"{description} is locked, waiting..."), token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw context.Flow.Cancellation.CreateInterruptedException();
            }
        }

        using (held)
        {
            context.Log($"Lock acquired on {description}");
            try
            {
                var variable = context.Text("variable", int.MaxValue);
                var flow = variable is null
                    ? context.Flow
                    : context.Flow.WithEnvironment(new Dictionary<string, string> { [variable] = resource, [variable + "0"] = resource });
                return await context.RunBodyAsync(flow).ConfigureAwait(false);
            }
            finally
            {
                context.Log($"Lock released on resource {description}");
            }
        }
    }
}
