using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// <c>checkout scm</c> and Declarative's automatic checkout: the build's own source, which is a repository (a
/// <see cref="GitSource"/>: exactly the commit the Jenkinsfile was read from) or the project folder
/// <c>containercd run</c> was given (<see cref="ProjectCheckout"/>).
/// </summary>
internal static class ScmCheckout
{
    /// <summary>Whether the build has a source to check out (else its scm is Jenkins' NullSCM).</summary>
    public static bool HasSource(BuildContext build) => build.Request.Repository is not null || build.Request.SourceDirectory is not null;

    public static ValueTask<GroovyMap> RunAsync(BuildContext build, FlowContext flow, string target, bool changelog = true)
    {
        if (build.Request.Repository is { } repository)
        {
            return GitCheckout.RunAsync(build, flow, ForRepository(repository, changelog), target);
        }

        if (build.Request.SourceDirectory is { } source)
        {
            return ProjectCheckout.RunAsync(build, flow, source, target, changelog);
        }

        throw Steps.StepErrors.Abort("There is no SCM to check out: this build's Jenkinsfile does not come from a project directory or a repository");
    }

    /// <summary>The repository build's checkout: its branch, pinned to the commit its Jenkinsfile came from.</summary>
    public static GitScmSpec ForRepository(GitSource repository, bool changelog) => new()
    {
        Url = repository.Url,
        CredentialsId = repository.CredentialsId,
        Branch = repository.Branch,
        PinnedCommit = repository.Commit,
        Changelog = changelog,
    };
}
