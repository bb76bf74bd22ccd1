namespace ContainerCd.Runtime.Events;

public enum StageKind
{
    Stage,
    ParallelBranch,
    MatrixCell,
    Synthetic,
}
