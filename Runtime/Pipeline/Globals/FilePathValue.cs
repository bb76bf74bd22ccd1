using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary>A <c>hudson.FilePath</c> on this node: its path as <c>remote</c> and <c>toString()</c>, its <c>name</c>.</summary>
public sealed class FilePathValue(string path) : IGroovyObject
{
    public string GroovyClassName => "hudson.FilePath";

    public string Remote { get; } = path;

    public object? GetProperty(string name) => name switch
    {
        "remote" => Remote,
        "name" => Path.GetFileName(Remote.TrimEnd('/')),
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) => ValueTask.FromResult<object?>(name switch
    {
        "getRemote" or "toString" => Remote,
        "getName" => GetProperty("name"),
        _ => Undefined.Value,
    });

    public override string ToString() => Remote;
}
