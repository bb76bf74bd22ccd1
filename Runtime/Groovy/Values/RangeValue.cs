using System.Collections;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// <c>from..to</c> or <c>from..&lt;to</c> over integers (an IntRange, which is a list in Groovy),
/// counting down when <c>from</c> is greater than <c>to</c>.
/// </summary>
public sealed class RangeValue : IReadOnlyList<object?>
{
    public RangeValue(long from, long to, bool exclusive)
    {
        Reverse = from > to;
        From = from;
        To = exclusive ? (Reverse ? to + 1 : to - 1) : to;
        Count = exclusive && from == to ? 0 : (int)Math.Min(int.MaxValue, Math.Abs(To - From) + 1);
        UseLong = from is > int.MaxValue or < int.MinValue || to is > int.MaxValue or < int.MinValue;
    }

    public long From { get; }

    public long To { get; }

    public bool Reverse { get; }

    public int Count { get; }

    private bool UseLong { get; }

    public object? this[int index]
    {
        get
        {
            if (index < 0)
            {
                index += Count;
            }

            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var value = Reverse ? From - index : From + index;
            return UseLong ? value : (object)(int)value;
        }
    }

    public bool Contains(object? value) => value switch
    {
        int i => InRange(i),
        long l => InRange(l),
        _ => false,
    };

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool InRange(long value) =>
        Count > 0 && (Reverse ? value <= From && value >= To : value >= From && value <= To);
}
