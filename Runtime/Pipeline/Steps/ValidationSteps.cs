using ContainerCd.Parser;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The Declarative plugin's <c>validateDeclarativePipeline(path)</c>: validates a Jenkinsfile of the workspace
/// as the build's own Jenkinsfile is validated, prints what Jenkins prints, and returns true or false.
/// </summary>
internal static class ValidationSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("validateDeclarativePipeline", ValidateAsync);
    }

    private static async ValueTask<object?> ValidateAsync(StepContext context)
    {
        var relative = context.RequiredString("path");
        var path = context.ResolvePath(relative);
        if (!File.Exists(path))
        {
            context.Log($"Declarative Pipeline file '{relative}' does not exist.");
            return false;
        }

        var source = new SourceText("WorkflowScript", await File.ReadAllTextAsync(path, context.CancellationToken).ConfigureAwait(false));
        var parsed = Jenkinsfile.Parse(source, PipelineEngine.ValidationOptionsFor(context.Build.Request));
        if (parsed.HasErrors)
        {
            context.Log($"Error(s) validating Declarative Pipeline file '{relative}' - " + JenkinsErrorReport.Render(source, parsed.Diagnostics).TrimEnd('\n'));
            return false;
        }

        if (parsed.Pipeline is null)
        {
            context.Log($"Declarative Pipeline file '{relative}' does not contain the 'pipeline' step.");
            return false;
        }

        context.Log($"Declarative Pipeline file '{relative}' is valid.");
        return true;
    }
}
