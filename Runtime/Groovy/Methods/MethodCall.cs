using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>One call of a built-in method: its arguments (named map first, as Java sees them) and helpers to call closures.</summary>
public readonly struct MethodCall
{
    public MethodCall(GroovyInterpreter interpreter, Arguments arguments, Frame frame, SourceSpan span)
    {
        Interpreter = interpreter;
        Args = arguments.Flatten();
        Frame = frame;
        Span = span;
    }

    public GroovyInterpreter Interpreter { get; }

    public IReadOnlyList<object?> Args { get; }

    public Frame Frame { get; }

    public SourceSpan Span { get; }

    public int Count => Args.Count;

    public object? this[int index] => index >= 0 && index < Args.Count ? Args[index] : null;

    public bool Is(int count) => Args.Count == count;

    public string Text(int index) => GroovyFormat.ToDisplayString(this[index]);

    public int IntAt(int index) => NumberMath.ToInt(this[index] ?? throw ScriptErrors.NullMethod("intValue"));

    public CallableValue? Closure(int index) => this[index] as CallableValue;

    public bool HasClosureAt(int index) => this[index] is CallableValue;

    /// <summary>Calls a closure with one item; a map entry is spread into (key, value) for a two-parameter closure, as Groovy does.</summary>
    public ValueTask<object?> CallWithItemAsync(CallableValue closure, object? item) =>
        item is MapEntryValue entry && closure.ParameterCount == 2
            ? closure.CallAsync(Interpreter, [entry.Key, entry.Value], Frame, Span)
            : closure.CallAsync(Interpreter, [item], Frame, Span);

    public ValueTask<object?> CallAsync(CallableValue closure, params object?[] arguments) =>
        closure.CallAsync(Interpreter, arguments, Frame, Span);

    public async ValueTask<bool> TestAsync(CallableValue closure, object? item) =>
        GroovyTruth.IsTrue(await CallWithItemAsync(closure, item).ConfigureAwait(false));

    public void CheckLength(int length) => Interpreter.CheckStringLength(length, Frame, Span);
}
