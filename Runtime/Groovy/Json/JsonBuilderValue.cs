using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Json;

/// <summary>groovy.json.JsonBuilder over a value: <c>new JsonBuilder(map).toString()</c> / <c>toPrettyString()</c> (JsonOutput's text).</summary>
public sealed class JsonBuilderValue(object? content) : IGroovyObject
{
    public object? Content { get; } = content;

    public string GroovyClassName => "groovy.json.JsonBuilder";

    public object? GetProperty(string name) => name == "content" ? Content : Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "toString" => ToString(),
            "toPrettyString" => JsonOutput.PrettyPrint(ToString()),
            "getContent" => Content,
            _ => Undefined.Value,
        });

    public override string ToString() => JsonOutput.ToJson(Content);
}
