using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Globals;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// checkout scm: copies the project the Jenkinsfile came from into the current directory (for a git
/// repository, its tracked and untracked-but-not-ignored files, so uncommitted changes are built) and
/// returns the git variables (GIT_COMMIT, GIT_BRANCH, GIT_LOCAL_BRANCH, GIT_URL).
/// </summary>
internal static class ScmSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("checkout", CheckoutAsync);
    }

    private static async ValueTask<object?> CheckoutAsync(StepContext context)
    {
        var source = context.Argument("scm") is ScmValue scm ? scm.Directory : context.Build.Request.SourceDirectory;
        if (source is null)
        {
            throw context.Abort("There is no SCM to check out: this build's Jenkinsfile does not come from a project directory");
        }

        return await CheckoutAsync(context.Build, context.Flow, source, context.WorkingDirectory).ConfigureAwait(false);
    }

    public static async ValueTask<GroovyMap> CheckoutAsync(BuildContext build, FlowContext flow, string source, string target)
    {
        source = Path.GetFullPath(source);
        target = Path.GetFullPath(target);
        build.Log(flow, $"Checking out {source} into {target}");
        var isGit = Directory.Exists(Path.Combine(source, ".git")) || File.Exists(Path.Combine(source, ".git"));
        var home = Path.GetFullPath(build.Request.Home);
        IEnumerable<string> files;
        if (isGit)
        {
            var listed = await GitCli.RunAsync(source, "ls-files", "-c", "-o", "--exclude-standard", "-z").ConfigureAwait(false);
            files = (listed ?? string.Empty).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(source, f));
        }

        Directory.CreateDirectory(target);
        foreach (var relative in files)
        {
            var from = Path.Combine(source, relative);
            if (from.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal) || from.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(from))
            {
                continue;
            }

            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
        }

        var result = new GroovyMap();
        if (isGit)
        {
            var commit = (await GitCli.RunAsync(source, "rev-parse", "HEAD").ConfigureAwait(false))?.Trim();
            var branch = (await GitCli.RunAsync(source, "rev-parse", "--abbrev-ref", "HEAD").ConfigureAwait(false))?.Trim();
            if (commit is { Length: > 0 })
            {
                result["GIT_COMMIT"] = commit;
            }

            if (branch is { Length: > 0 } && branch != "HEAD")
            {
                result["GIT_BRANCH"] = "origin/" + branch;
                result["GIT_LOCAL_BRANCH"] = branch;
            }

            result["GIT_URL"] = source;
        }

        return result;
    }
}
