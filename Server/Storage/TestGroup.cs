namespace ContainerCd.Server.Storage;

/// <summary>
/// The cases of one build with one recorded status (FAILED, PASSED, SKIPPED) in one stage and suite: a heading of
/// the Tests tab and the rows under it.
/// </summary>
internal sealed record TestGroup(string Status, string? StageId, string Suite, int Count);

/// <summary>
/// What the Tests tab shows: the recorded status (FAILED, PASSED, SKIPPED; null for every case) and the text
/// filter (null for none), matched without regard to case against "stage suite className name", where stage is
/// the name the tab shows for the case's stage (<see cref="StageNames"/>, by stage id).
/// </summary>
internal sealed record TestFilter(string? Status, string? Text, IReadOnlyDictionary<string, string> StageNames)
{
    public bool Matches(string? stageId, string suite, string className, string name) =>
        Text is null
        || $"{(stageId is not null && StageNames.TryGetValue(stageId, out var stage) ? stage : "")} {suite} {className} {name}"
            .Contains(Text, StringComparison.OrdinalIgnoreCase);
}
