namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// The evaluated arguments of a call: named arguments gathered into one map (as Groovy does) and
/// the positional ones in order, a trailing closure being the last of them.
/// </summary>
public sealed class Arguments
{
    public static readonly Arguments Empty = new([], null);

    public Arguments(IReadOnlyList<object?> positional, GroovyMap? named)
    {
        Positional = positional;
        Named = named is { Count: > 0 } ? named : null;
    }

    public IReadOnlyList<object?> Positional { get; }

    public GroovyMap? Named { get; }

    public int Count => Positional.Count + (Named is null ? 0 : 1);

    /// <summary>The closure passed last, if any.</summary>
    public CallableValue? Body => Positional.Count > 0 ? Positional[^1] as CallableValue : null;

    public static Arguments Of(params object?[] values) => new(values, null);

    /// <summary>The arguments as a plain Java method sees them: the named map first, then the positional ones.</summary>
    public IReadOnlyList<object?> Flatten()
    {
        if (Named is null)
        {
            return Positional;
        }

        var all = new List<object?>(Positional.Count + 1) { Named };
        all.AddRange(Positional);
        return all;
    }
}
