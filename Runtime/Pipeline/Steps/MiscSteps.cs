using System.Collections.Immutable;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>tool, build (another job) and the steps that only exist on a Jenkins controller.</summary>
internal static class MiscSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("tool", ToolAsync);
        yield return new DelegateStep("build", BuildAsync);
    }

    private static ValueTask<object?> ToolAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        var type = context.Text("type", int.MaxValue);
        var tool = context.Build.Request.Config.Tools.FirstOrDefault(t => t.Name == name && (type is null || t.Type == type || type.EndsWith("." + t.Type, StringComparison.OrdinalIgnoreCase)))
            ?? throw context.Abort($"No tool named {name} found" + (type is null ? string.Empty : $" of type {type}") + ": add it to tools: in the config file");
        return ValueTask.FromResult<object?>(tool.Home);
    }

    private static async ValueTask<object?> BuildAsync(StepContext context)
    {
        var job = context.RequiredString("job");
        var wait = context.Boolean("wait", true);
        var propagate = context.Boolean("propagate", true);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in GroovyInterpreter.Iterate(context.Argument("parameters", int.MaxValue)).OfType<DescribableValue>())
        {
            if (parameter.GetString("name") is { } name)
            {
                parameters[name] = GroovyFormat.ToDisplayString(parameter.Get("value") ?? parameter.Get("defaultValue"));
            }
        }

        context.Log("Scheduling project: " + job);
        var launcher = context.Build.Request.JobLauncher ?? throw context.Abort($"Cannot build job '{job}': this run knows no other jobs (use the server for downstream builds)");
        var token = context.CancellationToken;
        var running = launcher(job, parameters.ToImmutableDictionary(StringComparer.Ordinal), token);
        if (!wait)
        {
            return null;
        }

        BuildOutcome outcome;
        try
        {
#pragma warning disable VSTHRD003 // The downstream build was started above, for this step.
            outcome = await context.Build.WhileWaitingAsync(async () => await running.ConfigureAwait(false)).ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw context.Flow.Cancellation.CreateInterruptedException();
        }

        context.Log($"Starting building: {job} #{outcome.Number}");
        context.Log($"Build {job} #{outcome.Number} completed: {outcome.Result.ToJenkinsName()}");
        if (propagate && outcome.Result != BuildResult.Success)
        {
            throw context.Abort($"{job} #{outcome.Number} completed with status {outcome.Result.ToJenkinsName()} (propagate: false to ignore)");
        }

        return new GroovyMap { ["result"] = outcome.Result.ToJenkinsName(), ["number"] = outcome.Number, ["currentResult"] = outcome.Result.ToJenkinsName() };
    }
}
