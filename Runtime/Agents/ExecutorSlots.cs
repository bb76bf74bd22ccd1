using System.Collections.Immutable;

namespace ContainerCd.Runtime.Agents;

/// <summary>
/// A node's executors, one slot each, and the build each runs now (as Jenkins numbers a node's executors): what the
/// Nodes page and <c>/computer/api/json</c> show. A build keeps its slot, and so its executor number, until it leaves.
/// </summary>
public sealed class ExecutorSlots
{
    private readonly ExecutorWork?[] _slots;
    private readonly Lock _gate = new();

    public ExecutorSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _slots = new ExecutorWork?[count];
    }

    public int Count => _slots.Length;

    /// <summary>Puts <paramref name="work"/> in the first free slot and returns its number; -1 when every slot is taken.</summary>
    public int Occupy(ExecutorWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var free = Array.IndexOf(_slots, null);
            if (free >= 0)
            {
                _slots[free] = work;
            }

            return free;
        }
    }

    /// <summary>Frees a slot <see cref="Occupy"/> gave (nothing for -1).</summary>
    public void Vacate(int slot)
    {
        if (slot < 0)
        {
            return;
        }

        lock (_gate)
        {
            _slots[slot] = null;
        }
    }

    /// <summary>Each executor's build now, null for an idle one, by executor number.</summary>
    public ImmutableArray<ExecutorWork?> Snapshot()
    {
        lock (_gate)
        {
            return [.. _slots];
        }
    }
}
