using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary><c>scm</c>: the source the Jenkinsfile came from, for <c>checkout scm</c>.</summary>
public sealed class ScmValue(BuildContext build) : IGroovyObject
{
    public string GroovyClassName => build.Request.SourceDirectory is null ? "hudson.scm.NullSCM" : "hudson.plugins.git.GitSCM";

    public string? Directory => build.Request.SourceDirectory;

    public object? GetProperty(string name) => name switch
    {
        "branches" => new List<object?> { new GroovyMap { ["name"] = "*/master" } },
        "userRemoteConfigs" => new List<object?> { new GroovyMap { ["url"] = Directory } },
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(Undefined.Value);
}
