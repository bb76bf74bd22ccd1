using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>echo, error, unstable, sleep, isUnix, pwd, script, milestone and the other small steps.</summary>
internal static class BasicSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("echo", EchoAsync);
        yield return new DelegateStep("error", context => throw context.Abort(context.Text("message") ?? string.Empty));
        yield return new DelegateStep("unstable", UnstableAsync);
        yield return new DelegateStep("sleep", SleepAsync);
        yield return new DelegateStep("isUnix", _ => ValueTask.FromResult<object?>(true));
        yield return new DelegateStep("pwd", PwdAsync);
        yield return new DelegateStep("script", context => context.RunBodyAsync());
        yield return new DelegateStep("milestone", MilestoneAsync);
        yield return new DelegateStep("properties", PropertiesAsync);
        yield return new DelegateStep("timestamps", context => context.RunBodyAsync(context.Flow with { Timestamps = true }));
        yield return new DelegateStep("ansiColor", context => context.RunBodyAsync());
        yield return new DelegateStep("wrap", context => context.RunBodyAsync());
    }

    private static ValueTask<object?> EchoAsync(StepContext context)
    {
        context.Log(context.Argument("message") is { } message ? GroovyFormat.ToDisplayString(message) : string.Empty);
        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>
    /// <c>properties([disableConcurrentBuilds(), buildDiscarder(logRotator(...)), pipelineTriggers([...]), ...])</c>:
    /// the job properties take effect for this build; the job's triggers become those listed (none without
    /// <c>pipelineTriggers</c>), as the step replaces the job's properties in Jenkins.
    /// </summary>
    private static async ValueTask<object?> PropertiesAsync(StepContext context)
    {
        var properties = Groovy.Interpreter.GroovyInterpreter.Iterate(context.Argument("properties")).OfType<DescribableValue>().ToList();
        await JobProperties.JobPropertyEffects.ApplyAsync(context.Build, context.Flow, properties).ConfigureAwait(false);
        var triggers = properties.FirstOrDefault(p => p.Symbol == "pipelineTriggers")?.Get("triggers", firstPositional: true);
        JobProperties.JobPropertyEffects.DeclareTriggers(context.Build, context.Flow, Groovy.Interpreter.GroovyInterpreter.Iterate(triggers));
        return null;
    }

    private static ValueTask<object?> UnstableAsync(StepContext context)
    {
        context.Log("WARNING: " + (context.Text("message") ?? string.Empty));
        context.Build.SetResult(BuildResult.Unstable);
        context.Flow.Stage?.Worsen(BuildResult.Unstable);
        return ValueTask.FromResult<object?>(null);
    }

    private static async ValueTask<object?> SleepAsync(StepContext context)
    {
        var time = context.Number("time") ?? 0;
        var unit = context.Text("unit", int.MaxValue) ?? "SECONDS";
        var delay = TimeUnits.ToTimeSpan(time, unit);
        context.Log($"Sleeping for {TimeUnits.Describe(delay)}");
        var token = context.CancellationToken;
        try
        {
            await context.Build.WhileWaitingAsync(async () => await Task.Delay(delay, context.Build.Time, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw context.Flow.Cancellation.CreateInterruptedException();
        }

        return null;
    }

    private static ValueTask<object?> PwdAsync(StepContext context)
    {
        var directory = context.WorkingDirectory;
        return ValueTask.FromResult<object?>(context.Boolean("tmp", false) ? directory + "@tmp" : directory);
    }

    private static ValueTask<object?> MilestoneAsync(StepContext context)
    {
        var ordinal = context.Argument("ordinal") ?? context.Build.NextMilestone();
        context.Log($"Trying to pass milestone {GroovyFormat.ToDisplayString(ordinal)}");
        return ValueTask.FromResult<object?>(null);
    }
}
