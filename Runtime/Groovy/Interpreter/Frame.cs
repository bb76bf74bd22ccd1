using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// Where code runs: its lexical scope, the closure being executed (for owner and delegate lookups),
/// the script it belongs to, the source it comes from, and the pipeline's dynamic context
/// (<see cref="FlowContext"/>: environment, agent, directory, stage, cancellation) which follows
/// calls rather than scopes, so that a closure run inside <c>dir('x') { }</c> sees that directory.
/// </summary>
public sealed class Frame
{
    public Frame(GroovyInterpreter interpreter, ScriptObject script, Scope scope, ClosureValue? closure, FlowContext flow, SourceText source, int depth)
    {
        Interpreter = interpreter;
        Script = script;
        Scope = scope;
        Closure = closure;
        Flow = flow;
        Source = source;
        Depth = depth;
    }

    public GroovyInterpreter Interpreter { get; }

    public ScriptObject Script { get; }

    public Scope Scope { get; }

    public ClosureValue? Closure { get; }

    public FlowContext Flow { get; }

    public SourceText Source { get; }

    public int Depth { get; }

    public CancellationToken CancellationToken => Flow.CancellationToken;

    public Frame WithScope(Scope scope) => new(Interpreter, Script, scope, Closure, Flow, Source, Depth);

    /// <summary>The same code with another dynamic context (a step's block running under withEnv, dir, a stage...).</summary>
    public Frame WithFlow(FlowContext flow) => new(Interpreter, Script, Scope, Closure, flow, Source, Depth);

    public Frame NewBlock() => WithScope(new Scope(Scope));
}
