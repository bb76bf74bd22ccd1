using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Environment;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// sh (script, returnStdout, returnStatus, label, encoding) on the node's agent; bat, powershell and
/// pwsh fail clearly, since agents here are Linux.
/// </summary>
internal static class ShellSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("sh", ShAsync);
        foreach (var name in new[] { "bat", "powershell", "pwsh" })
        {
            yield return new DelegateStep(name, context =>
                throw context.Abort($"The {name} step runs Windows scripts, and this agent ({context.RequireNode().NodeName}) is Linux: use sh, or guard the step with isUnix()"));
        }
    }

    public static async ValueTask<object?> ShAsync(StepContext context)
    {
        var script = context.RequiredString("script");
        var returnStdout = context.Boolean("returnStdout", false);
        var returnStatus = context.Boolean("returnStatus", false);
        var node = context.RequireNode();
        var environment = EnvironmentResolver.ForAgent(context.Build, context.Flow);
        var command = new ShellCommand(script, context.WorkingDirectory, environment, returnStdout);
        var output = new StepOutput(context.Build, context.Flow);
        var token = context.CancellationToken;
        ShellResult result;
        try
        {
            result = await context.Build.WhileWaitingAsync(() => node.Agent.ExecuteAsync(command, output, token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            output.Flush();
            throw context.Flow.Cancellation.CreateInterruptedException();
        }

        output.Flush();
        if (result.OutOfMemoryKilled)
        {
            context.Log("The step was killed by the out-of-memory killer (exit code 137): give the agent more memory.");
        }

        if (returnStatus)
        {
            return result.ExitCode;
        }

        if (result.ExitCode != 0)
        {
            throw context.Abort($"script returned exit code {result.ExitCode}");
        }

        return returnStdout ? result.Stdout ?? string.Empty : null;
    }

    internal static GroovyException Interrupted(StepContext context) => context.Flow.Cancellation.CreateInterruptedException();
}
