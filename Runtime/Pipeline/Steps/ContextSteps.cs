using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Globals;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// <c>getContext(hudson.FilePath)</c>: the current directory on the node the code runs on, or null outside
/// any node (Jenkinsfiles use it to ask "is there a workspace here?"). Other context types are Jenkins
/// controller objects ContainerCd does not have: asking for one fails clearly instead of returning null.
/// </summary>
internal static class ContextSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("getContext", GetContextAsync);
    }

    private static ValueTask<object?> GetContextAsync(StepContext context)
    {
        var type = context.Argument("type") as ClassValue
            ?? throw context.Abort("getContext needs a class, e.g. getContext(hudson.FilePath)");
        if (type.Name != "hudson.FilePath")
        {
            throw context.Abort($"getContext({type.Name}) is not available in ContainerCd: only hudson.FilePath (the current directory on the node, or null outside a node) is");
        }

        return ValueTask.FromResult<object?>(context.Flow.Node is null ? null : new FilePathValue(context.WorkingDirectory));
    }
}
