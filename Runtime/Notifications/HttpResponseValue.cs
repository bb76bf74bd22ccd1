using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Notifications;

/// <summary>
/// What httpRequest returns (the http_request plugin's <c>ResponseContentSupplier</c>): <c>status</c>, <c>content</c>
/// and <c>headers</c> (name → list of values), also as getStatus(), getContent(), getHeaders().
/// </summary>
public sealed class HttpResponseValue(int status, string content, GroovyMap headers) : IGroovyObject
{
    public const string ClassName = "jenkins.plugins.http_request.ResponseContentSupplier";

    public int Status { get; } = status;

    public string Content { get; } = content;

    public string GroovyClassName => ClassName;

    public object? GetProperty(string name) => name switch
    {
        "status" => Status,
        "content" => Content,
        "headers" => headers,
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "getStatus" => Status,
            "getContent" => Content,
            "getHeaders" => headers,
            "close" => null,
            "toString" => ToString(),
            _ => Undefined.Value,
        });

    public override string ToString() => $"Status: {Status}, Response: {Content}";
}
