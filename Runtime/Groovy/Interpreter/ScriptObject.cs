using System.Runtime.CompilerServices;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// A loaded script (the Jenkinsfile, or a shared library's <c>vars/name.groovy</c>): its methods,
/// its @Field variables and its binding (variables assigned without <c>def</c>). Method and
/// property lookups on <c>this</c> land here.
/// </summary>
public sealed class ScriptObject : IGroovyObject
{
    private readonly Dictionary<string, List<MethodDeclaration>> _methods = new(StringComparer.Ordinal);

    /// <param name="binding">The binding to share (a script that <c>load</c> runs shares its caller's), or null for a binding of its own.</param>
    public ScriptObject(string className, ScriptNode node, SourceText source, Dictionary<string, object?>? binding = null)
    {
        ClassName = className;
        Binding = binding ?? new(StringComparer.Ordinal);
        Node = node;
        Source = source;
        foreach (var method in node.Methods)
        {
            if (!_methods.TryGetValue(method.Name, out var overloads))
            {
                _methods[method.Name] = overloads = [];
            }

            overloads.Add(method);
        }
    }

    public string ClassName { get; }

    /// <summary>An instance of a script class (<see cref="ScriptClass"/>) rather than a script.</summary>
    public bool IsInstance { get; init; }

    public ScriptNode Node { get; }

    public SourceText Source { get; }

    /// <summary>Variables assigned without a declaration; shared by all code of the script.</summary>
    public Dictionary<string, object?> Binding { get; }

    /// <summary>Variables declared with @Field.</summary>
    public Dictionary<string, object?> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The scope of the script's top-level statements (its run() method).</summary>
    public Scope RunScope { get; } = new(null);

    public string GroovyClassName => ClassName;

    public bool HasMethod(string name) => _methods.ContainsKey(name);

    /// <summary>The declaration that takes <paramref name="argumentCount"/> arguments (defaults and varargs considered).</summary>
    public MethodDeclaration? FindMethod(string name, int argumentCount)
    {
        if (!_methods.TryGetValue(name, out var overloads))
        {
            return null;
        }

        return overloads.FirstOrDefault(method => Accepts(method, argumentCount));
    }

    /// <summary>Whether <paramref name="method"/> takes <paramref name="argumentCount"/> arguments (defaults and varargs considered).</summary>
    public static bool Accepts(MethodDeclaration method, int argumentCount)
    {
        var required = method.Parameters.Count(p => p.DefaultValue is null && !p.IsVarArgs);
        var hasVarArgs = method.Parameters.Length > 0 && method.Parameters[^1].IsVarArgs;
        return argumentCount >= required && (argumentCount <= method.Parameters.Length || hasVarArgs);
    }

    public object? GetProperty(string name)
    {
        if (Fields.TryGetValue(name, out var field))
        {
            return field;
        }

        return Binding.TryGetValue(name, out var value) ? value : Undefined.Value;
    }

    public bool SetProperty(string name, object? value)
    {
        if (Fields.ContainsKey(name))
        {
            Fields[name] = value;
        }
        else
        {
            Binding[name] = value;
        }

        return true;
    }

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var all = arguments.Flatten();
        var method = FindMethod(name, all.Count);
        if (method is not null)
        {
            return frame.Interpreter.CallScriptMethodAsync(this, method, all, frame, span);
        }

        // A closure kept in a @Field, a class field or the binding: this.notify('x').
        if (GetProperty(name) is CallableValue callable)
        {
            return callable.CallAsync(frame.Interpreter, all, frame, span);
        }

        return ValueTask.FromResult<object?>(Undefined.Value);
    }

    public override string ToString() => ClassName + (IsInstance ? "@" + RuntimeHelpers.GetHashCode(this).ToString("x", System.Globalization.CultureInfo.InvariantCulture) : "@script");
}
