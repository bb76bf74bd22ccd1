using System.Collections;
using ContainerCd.Runtime.Groovy.Operations;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// A Groovy map literal's LinkedHashMap: entries keep their insertion order; GString keys are
/// stored as strings and numbers of equal value are the same key.
/// </summary>
public sealed class GroovyMap : IEnumerable<KeyValuePair<object?, object?>>
{
    private static readonly object NullKey = new();
    private readonly OrderedDictionary<object, object?> _entries;

    public GroovyMap()
    {
        _entries = new OrderedDictionary<object, object?>(MapKeyComparer.Instance);
    }

    public GroovyMap(IEnumerable<KeyValuePair<object?, object?>> entries)
        : this()
    {
        foreach (var entry in entries)
        {
            this[entry.Key] = entry.Value;
        }
    }

    /// <summary>The Java class the map stands for (a literal's LinkedHashMap; JsonSlurper's LazyMap; JsonSlurperClassic's HashMap).</summary>
    public string JavaClass { get; init; } = "java.util.LinkedHashMap";

    public int Count => _entries.Count;

    public IEnumerable<object?> Keys => _entries.Keys.Select(Unwrap);

    public IEnumerable<object?> Values => _entries.Values;

    public object? this[object? key]
    {
        get => _entries.TryGetValue(Wrap(key), out var value) ? value : null;
        set => _entries[Wrap(key)] = value;
    }

    public bool ContainsKey(object? key) => _entries.ContainsKey(Wrap(key));

    public bool TryGetValue(object? key, out object? value) => _entries.TryGetValue(Wrap(key), out value);

    public bool Remove(object? key, out object? value) => _entries.Remove(Wrap(key), out value);

    public void Clear() => _entries.Clear();

    public GroovyMap Copy() => new(this);

    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            yield return new KeyValuePair<object?, object?>(Unwrap(entry.Key), entry.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => GroovyFormat.ToDisplayString(this);

    private static object Wrap(object? key) => key switch
    {
        null => NullKey,
        GStringValue g => g.ToString(),
        _ => key,
    };

    private static object? Unwrap(object key) => ReferenceEquals(key, NullKey) ? null : key;

    private sealed class MapKeyComparer : IEqualityComparer<object>
    {
        public static readonly MapKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => GroovyEquality.AreEqual(x, y);

        public int GetHashCode(object obj) => GroovyEquality.GetHashCode(obj);
    }
}
