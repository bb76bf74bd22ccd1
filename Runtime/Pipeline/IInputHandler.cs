using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>Answers <c>input</c> steps and stage inputs: on the terminal, from <c>--input</c>, or through the server.</summary>
public interface IInputHandler
{
    ValueTask<InputResponse> AskAsync(InputQuestion question, CancellationToken cancellationToken);
}

/// <summary>What an input asks: its id, message, OK button text, allowed submitters and parameters.</summary>
public sealed record InputQuestion(string Id, string Message, string Ok, string? Submitter, ImmutableArray<InputParameterDefinition> Parameters);

/// <summary>A parameter of an input (or of the pipeline): name, type, default, description and choices.</summary>
public sealed record InputParameterDefinition(string Name, string Type, object? DefaultValue, string? Description, ImmutableArray<string> Choices);

/// <summary>An answer: proceed (with the submitter and parameter values) or abort.</summary>
public sealed record InputResponse(bool Proceed, string? Submitter, IReadOnlyDictionary<string, string> Values)
{
    public static InputResponse Abort { get; } = new(false, null, ImmutableDictionary<string, string>.Empty);

    public static InputResponse ProceedWithDefaults(string? submitter = null) => new(true, submitter, ImmutableDictionary<string, string>.Empty);
}

public static class InputHandlers
{
    /// <summary>Aborts every input (a build without a terminal or an answer).</summary>
    public static IInputHandler AbortAll { get; } = new Fixed(InputResponse.Abort);

    /// <summary>Proceeds with the defaults at every input.</summary>
    public static IInputHandler ProceedAll { get; } = new Fixed(InputResponse.ProceedWithDefaults());

    /// <summary>Answers inputs in order from a list; the ones beyond it get <paramref name="fallback"/>.</summary>
    public static IInputHandler Scripted(IEnumerable<InputResponse> answers, InputResponse? fallback = null) => new Queue(answers, fallback ?? InputResponse.Abort);

    private sealed class Fixed(InputResponse response) : IInputHandler
    {
        public ValueTask<InputResponse> AskAsync(InputQuestion question, CancellationToken cancellationToken) => ValueTask.FromResult(response);
    }

    private sealed class Queue(IEnumerable<InputResponse> answers, InputResponse fallback) : IInputHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<InputResponse> _answers = new(answers);

        public ValueTask<InputResponse> AskAsync(InputQuestion question, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_answers.TryDequeue(out var answer) ? answer : fallback);
    }
}
