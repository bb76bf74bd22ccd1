using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary>
/// <c>scm</c>: the source the Jenkinsfile came from, for <c>checkout scm</c>, as Jenkins' GitSCM shows it
/// (<c>scm.branches</c>, <c>scm.userRemoteConfigs</c>, <c>scm.extensions</c>), so that
/// <c>checkout([$class: 'GitSCM', branches: scm.branches, userRemoteConfigs: scm.userRemoteConfigs, ...])</c> works:
/// the repository and branch of a repository build, or the project folder (and its current branch).
/// </summary>
public sealed class ScmValue(BuildContext build) : IGroovyObject
{
    public string GroovyClassName => Scm.ScmCheckout.HasSource(build) ? "hudson.plugins.git.GitSCM" : "hudson.scm.NullSCM";

    public object? GetProperty(string name) => name switch
    {
        "branches" => new List<object?> { new GroovyMap { ["name"] = "*/" + Branch() } },
        "userRemoteConfigs" => new List<object?> { Remote() },
        "extensions" => new List<object?>(),
        "doGenerateSubmoduleConfigurations" => false,
        "submoduleCfg" => new List<object?>(),
        "key" => "git " + Url(),
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "getBranches" or "getUserRemoteConfigs" or "getExtensions" or "getKey" => GetProperty(name[3..4].ToLowerInvariant() + name[4..]),
            _ => Undefined.Value,
        });

    private string? Url() => build.Request.Repository?.Url ?? build.Request.SourceDirectory;

    private GroovyMap Remote()
    {
        var remote = new GroovyMap { ["url"] = Url() };
        if (build.Request.Repository?.CredentialsId is { } credentials)
        {
            remote["credentialsId"] = credentials;
        }

        return remote;
    }

    private string Branch()
    {
        if (build.Request.Repository is { } source)
        {
            return source.Branch;
        }

        if (build.Request.SourceDirectory is { } folder && (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git"))))
        {
            try
            {
                using var repository = new LibGit2Sharp.Repository(folder);
                return repository.Info.IsHeadDetached || repository.Head.Tip is null ? "master" : repository.Head.FriendlyName;
            }
            catch (LibGit2Sharp.LibGit2SharpException e)
            {
                throw new GitException($"Cannot read the git repository {folder}: {e.Message}", e);
            }
        }

        return "master";
    }
}
