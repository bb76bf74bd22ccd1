using System.Collections.Immutable;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// The build waits for an answer to an <c>input</c> (step or stage directive). Answer it through
/// the build's input handler with <see cref="InputId"/>; <see cref="InputAnswered"/> follows.
/// </summary>
public sealed record InputRequested(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string InputId,
    string Message,
    string Ok,
    string? Submitter,
    ImmutableArray<InputParameter> Parameters) : BuildEvent(BuildId, Sequence, Timestamp);

/// <summary>A parameter the input asks for: name, type (string, text, booleanParam, choice, password), default and choices.</summary>
public sealed record InputParameter(string Name, string Type, string? DefaultValue, string? Description, ImmutableArray<string> Choices);
