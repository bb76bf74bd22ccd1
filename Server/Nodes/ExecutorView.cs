using ContainerCd.Runtime.Agents;

namespace ContainerCd.Server.Nodes;

/// <summary>
/// One executor of a node: its number, the build it runs (null: idle), and how long that job's builds take
/// (<see cref="EstimatedMillis"/>, the average of its last three successful builds, as Jenkins estimates; null when it has none).
/// </summary>
internal sealed record ExecutorView(int Number, ExecutorWork? Work, long? EstimatedMillis);
