using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>What a node's executors run and what its pings measured: the state the Nodes page reads.</summary>
public sealed class NodeStateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Occupy_TakesTheFirstFreeSlot_KeepsEachBuildsNumberAndRefusesWhenFull()
    {
        // Given two executors
        var slots = new ExecutorSlots(2);

        // When builds take them, one leaves, and another comes
        var first = slots.Occupy(new ExecutorWork("a", 1, At));
        var second = slots.Occupy(new ExecutorWork("b", 2, At));
        var full = slots.Occupy(new ExecutorWork("c", 3, At));
        slots.Vacate(first);
        var third = slots.Occupy(new ExecutorWork("d", 4, At));

        // Then each build keeps its executor, the newcomer takes the freed one, none takes a third
        Assert.Equal((0, 1, -1, 0), (first, second, full, third));
        Assert.Equal(["d", "b"], slots.Snapshot().Select(w => w?.Job));
    }

    [Fact]
    public void Answered_MoreThanFiveTimes_AveragesTheLastFive()
    {
        var health = new NodeHealth();
        Assert.Equal(new NodeHealthReport(null, null, null), health.Report);

        foreach (var ms in new[] { 100, 1, 2, 3, 4, 5 })
        {
            health.Answered(At.AddMilliseconds(ms), TimeSpan.FromMilliseconds(ms));
        }

        health.Unanswered(At.AddSeconds(10));

        Assert.Equal(new NodeHealthReport(At.AddSeconds(10), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(3)), health.Report);
    }
}
