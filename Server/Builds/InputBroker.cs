using System.Collections.Concurrent;

namespace ContainerCd.Server.Builds;

/// <summary>
/// Answers to a build's <c>input</c> steps, given through the API or the web page: the executor waits
/// for an input id; <see cref="Answer"/> completes the wait. An answer is used once: the same id asked again
/// (an input in a loop, whose id comes from its message) waits for an answer of its own.
/// </summary>
internal sealed class InputBroker
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InputAnswer>> _pending = new(StringComparer.Ordinal);

    public async Task<InputAnswer> WaitAsync(string inputId, CancellationToken cancellationToken)
    {
        var answer = _pending.GetOrAdd(inputId, _ => new TaskCompletionSource<InputAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, TaskCompletionSource<InputAnswer>>(inputId, answer));
        }
    }

    /// <summary>Gives the answer; false when this input was already answered.</summary>
    public bool Answer(string inputId, InputAnswer answer) =>
        _pending.GetOrAdd(inputId, _ => new TaskCompletionSource<InputAnswer>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(answer);
}

/// <summary>An answer to an input: proceed (with parameter values) or abort, and who answered.</summary>
internal sealed record InputAnswer(bool Proceed, string? Submitter, IReadOnlyDictionary<string, string> Parameters);
