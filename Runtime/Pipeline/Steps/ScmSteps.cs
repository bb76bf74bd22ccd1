using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Globals;
using ContainerCd.Runtime.Pipeline.Scm;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// <c>checkout</c> (<c>scm</c>, <c>[$class: 'GitSCM', ...]</c>, <c>scmGit(...)</c>) and <c>git url:, branch:,
/// credentialsId:, changelog:, poll:</c>: a real working copy in the current directory, returning Jenkins' git
/// variables (GIT_COMMIT, GIT_BRANCH, GIT_URL, GIT_PREVIOUS_COMMIT...).
/// </summary>
internal static class ScmSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("checkout", CheckoutAsync);
        yield return new DelegateStep("git", GitAsync);
    }

    private static async ValueTask<object?> CheckoutAsync(StepContext context)
    {
        var changelog = context.Boolean("changelog", true);
        var scm = context.Argument("scm") ?? (context.Values is [GroovyMap map] ? map : null);
        return scm is ScmValue or null
            ? await ScmCheckout.RunAsync(context.Build, context.Flow, context.WorkingDirectory, changelog).ConfigureAwait(false)
            : await GitCheckout.RunAsync(context.Build, context.Flow, GitScmParser.Parse(scm, changelog), context.WorkingDirectory).ConfigureAwait(false);
    }

    /// <summary>The git step: Jenkins' GitStep is a GitSCM of one branch (default master) checked out on a local branch of that name.</summary>
    private static async ValueTask<object?> GitAsync(StepContext context)
    {
        context.RequireNode();
        var branch = context.Text("branch", int.MaxValue) is { Length: > 0 } named ? named : "master";
        var spec = new GitScmSpec
        {
            Url = context.RequiredString("url"),
            CredentialsId = context.Text("credentialsId", int.MaxValue),
            Branch = branch,
            LocalBranch = branch,
            Changelog = context.Boolean("changelog", true),
        };
        return await GitCheckout.RunAsync(context.Build, context.Flow, spec, context.WorkingDirectory).ConfigureAwait(false);
    }
}
