using System.Collections.Immutable;
using System.Text;
using ContainerCd.Runtime.Groovy.Operations;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// A Groovy GString: literal parts and the values evaluated when the string was created. Its text
/// is built on demand, as Groovy does, so it reflects later changes of a list it holds.
/// </summary>
public sealed class GStringValue
{
    public GStringValue(ImmutableArray<string> strings, object?[] values)
    {
        Strings = strings;
        Values = values;
    }

    public ImmutableArray<string> Strings { get; }

    public IReadOnlyList<object?> Values { get; }

    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Strings.Length; i++)
        {
            builder.Append(Strings[i]);
            if (i < Values.Count)
            {
                builder.Append(GroovyFormat.ToDisplayString(Values[i]));
            }
        }

        return builder.ToString();
    }

    public override bool Equals(object? obj) => obj is GStringValue other && other.ToString() == ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
