using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Libraries;

/// <summary>
/// A shared library's global variable (<c>vars/name.groovy</c>): <c>name(args)</c> calls its
/// <c>call</c> method, <c>name.method()</c> its other methods, <c>name.field</c> its @Field or binding values.
/// </summary>
public sealed class LibraryVar(string name, ScriptObject script) : IGroovyObject
{
    public string Name { get; } = name;

    public ScriptObject Script { get; } = script;

    public string GroovyClassName => Name;

    public object? GetProperty(string name)
    {
        var value = Script.GetProperty(name);
        if (value is not Undefined)
        {
            return value;
        }

        return Script.HasMethod("get" + char.ToUpperInvariant(name[0]) + name[1..]) ? new GetterMarker(name) : Undefined.Value;
    }

    public bool SetProperty(string name, object? value) => Script.SetProperty(name, value);

    public async ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var all = arguments.Flatten();
        var method = Script.FindMethod(name, all.Count);
        if (method is null)
        {
            return Undefined.Value;
        }

        var inner = new Frame(frame.Interpreter, Script, Script.RunScope, null, frame.Flow, Script.Source, frame.Depth);
        return await frame.Interpreter.CallScriptMethodAsync(Script, method, all, inner, span).ConfigureAwait(false);
    }

    /// <summary>Marks a property that has a getter method; the host calls it.</summary>
    public sealed record GetterMarker(string Property);
}
