using System.Collections;
using ContainerCd.Runtime.Groovy.Operations;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A LinkedHashSet: unique elements (by Groovy equality) in insertion order.</summary>
public sealed class GroovySet : IReadOnlyCollection<object?>
{
    private static readonly object NullElement = new();
    private readonly OrderedDictionary<object, bool> _items = new(new ElementComparer());

    public GroovySet()
    {
    }

    public GroovySet(IEnumerable<object?> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    public int Count => _items.Count;

    public bool Add(object? item) => _items.TryAdd(Wrap(item), true);

    public bool Remove(object? item) => _items.Remove(Wrap(item));

    public bool Contains(object? item) => _items.ContainsKey(Wrap(item));

    public void Clear() => _items.Clear();

    public IEnumerator<object?> GetEnumerator()
    {
        foreach (var key in _items.Keys)
        {
            yield return ReferenceEquals(key, NullElement) ? null : key;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => GroovyFormat.ToDisplayString(this);

    private static object Wrap(object? item) => item switch
    {
        null => NullElement,
        GStringValue g => g.ToString(),
        _ => item,
    };

    private sealed class ElementComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => GroovyEquality.AreEqual(x, y);

        public int GetHashCode(object obj) => GroovyEquality.GetHashCode(obj);
    }
}
