using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// A cancellable region of a build: the whole build (abort), a <c>timeout</c> block, a parallel
/// branch (fail-fast). Each scope is linked to its parent, so aborting the build cancels everything
/// under it; whoever cancels records why, so the interruption says "timeout" or "aborted" as
/// Jenkins does (the innermost scope that fired by itself wins).
/// </summary>
public sealed class CancellationScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private ThrowableValue? _cause;

    private CancellationScope(CancellationScope? parent, CancellationToken external)
    {
        Parent = parent;
        _source = parent is null
            ? CancellationTokenSource.CreateLinkedTokenSource(external)
            : CancellationTokenSource.CreateLinkedTokenSource(parent.Token);
    }

    public CancellationScope? Parent { get; }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>Why this scope fired by itself (null when it did not, or only because a parent did).</summary>
    public ThrowableValue? Cause => _cause;

    public static CancellationScope CreateRoot(CancellationToken external) => new(null, external);

    public CancellationScope CreateChild() => new(this, default);

    /// <summary>Cancels this scope and everything under it, recording the interruption it stands for.</summary>
    public void Cancel(BuildResult result, string? reason)
    {
        Interlocked.CompareExchange(ref _cause, Interruption(result, reason), null);
        _source.Cancel();
    }

    /// <summary>The exception to raise where the cancellation is noticed.</summary>
    public GroovyException CreateInterruptedException()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._cause is { } cause)
            {
                return new GroovyException(Copy(cause));
            }
        }

        // The outside token fired (Ctrl-C, a server abort) without a recorded reason.
        return new GroovyException(Interruption(BuildResult.Aborted, null));
    }

    /// <summary>
    /// The nearest scope (this one or an ancestor) that is not cancelled, or a new detached one: post
    /// sections still run after an interruption, as Jenkins delivers an interruption once.
    /// </summary>
    public CancellationScope NearestLive()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (!scope.IsCancellationRequested)
            {
                return scope;
            }
        }

        return CreateRoot(default);
    }

    public void Dispose() => _source.Dispose();

    public static ThrowableValue Interruption(BuildResult result, string? reason) =>
        new(JavaClasses.FlowInterruptedException, null) { InterruptResult = result, InterruptReason = reason };

    private static ThrowableValue Copy(ThrowableValue cause) =>
        new(cause.ClassName, cause.Message, cause.Cause) { InterruptResult = cause.InterruptResult, InterruptReason = cause.InterruptReason };
}
