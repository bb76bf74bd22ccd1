using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// An object the host gives scripts (env, params, currentBuild, docker, a library's var...): it
/// answers property reads and writes and method calls, and returns <see cref="Undefined.Value"/>
/// for members it does not have so that Groovy's usual errors can be reported.
/// </summary>
public interface IGroovyObject
{
    /// <summary>The class name used in messages (<c>No such property: x for class: ...</c>).</summary>
    string GroovyClassName { get; }

    object? GetProperty(string name);

    /// <summary>Sets a property; false when the object has no such writable property.</summary>
    bool SetProperty(string name, object? value);

    ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span);
}
