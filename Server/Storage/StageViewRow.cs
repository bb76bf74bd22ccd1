namespace ContainerCd.Server.Storage;

/// <summary>A build as the job page's Stage View shows it: the build, its count of changes, its stages in start order, and those waiting for an input.</summary>
internal sealed record StageViewRow(BuildRecord Build, int ChangeCount, List<StageRecord> Stages, HashSet<string> WaitingForInput);
