using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// A closure: its code, the variables it captured, its owner (the enclosing closure or the script),
/// and a delegate that names not found locally may resolve to, following <see cref="ResolveStrategy"/>.
/// </summary>
public sealed class ClosureValue : CallableValue
{
    public const int OwnerFirst = 0;
    public const int DelegateFirst = 1;
    public const int OwnerOnly = 2;
    public const int DelegateOnly = 3;

    private object? _delegate;
    private bool _delegateSet;

    public ClosureValue(ClosureExpression expression, Scope captured, ClosureValue? owner, ScriptObject script, SourceText source)
    {
        Expression = expression;
        Captured = captured;
        Owner = owner;
        Script = script;
        Source = source;
    }

    public ClosureExpression Expression { get; }

    public Scope Captured { get; }

    /// <summary>The enclosing closure; null when the closure was written directly in the script or a method.</summary>
    public ClosureValue? Owner { get; }

    public ScriptObject Script { get; }

    public SourceText Source { get; }

    public object? Delegate
    {
        get => _delegateSet ? _delegate : (object?)Owner ?? Script;
        set
        {
            _delegate = value;
            _delegateSet = true;
        }
    }

    /// <summary>Whether a delegate was set explicitly (otherwise it is the owner and adds nothing to resolution).</summary>
    public bool HasDelegate => _delegateSet;

    public int ResolveStrategy { get; set; } = OwnerFirst;

    public override int ParameterCount => Expression.HasExplicitParameters ? Expression.Parameters.Length : 1;

    public override ValueTask<object?> CallAsync(GroovyInterpreter interpreter, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span) =>
        interpreter.CallClosureAsync(this, arguments, caller, span);

    /// <summary>A copy with the same code and captured variables, for <c>closure.clone()</c> and <c>rehydrate</c>.</summary>
    public ClosureValue Clone() => new(Expression, Captured, Owner, Script, Source)
    {
        ResolveStrategy = ResolveStrategy,
        _delegate = _delegate,
        _delegateSet = _delegateSet,
    };

    public override string ToString() => "WorkflowScript$_run_closure@" + GetHashCode().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
