using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// What the interpreter asks the pipeline about names a script does not define: global variables
/// (<c>env</c>, <c>params</c>, <c>currentBuild</c>, <c>docker</c>, a library's vars, environment
/// variables) and functions (pipeline steps, callable library vars).
/// </summary>
public interface IScriptHost
{
    /// <summary>The value of a global name, or <see cref="Undefined.Value"/>.</summary>
    object? GetGlobal(string name, Frame frame);

    /// <summary>Calls a global function (a step), or returns <see cref="Undefined.Value"/> when there is none by that name.</summary>
    ValueTask<object?> InvokeFunctionAsync(string name, Arguments arguments, Frame frame, SourceSpan span);

    /// <summary>The error for a call of an unknown function (Jenkins: "No such DSL method 'x' found among steps [...]").</summary>
    GroovyException MissingFunction(string name, Arguments arguments, Frame frame);

    /// <summary>A class the host provides (a shared library's <c>src/</c>) for <c>new Type()</c>, by qualified or imported simple name.</summary>
    ScriptClass? ResolveClass(string typeName) => null;
}
