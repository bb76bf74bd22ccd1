namespace ContainerCd.Runtime.Groovy.Json;

/// <summary>
/// The order in which a java.util.HashMap of string keys iterates: by bucket of the final table
/// (String.hashCode spread as HashMap.hash does, table doubling from 16 at a load factor of 0.75), and
/// in insertion order within a bucket. JsonSlurperClassic returns HashMaps, so its maps print in this order.
/// </summary>
public static class JavaHashMapOrder
{
    public static IEnumerable<KeyValuePair<string, T>> Order<T>(IReadOnlyList<KeyValuePair<string, T>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var capacity = 16;
        while (entries.Count > capacity * 3 / 4)
        {
            capacity *= 2;
        }

        return entries.Select((entry, index) => (entry, index, bucket: Bucket(entry.Key, capacity)))
            .OrderBy(e => e.bucket).ThenBy(e => e.index).Select(e => e.entry);
    }

    /// <summary>Java's String.hashCode over UTF-16 code units.</summary>
    public static int JavaHashCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    private static int Bucket(string key, int capacity)
    {
        var h = JavaHashCode(key);
        h ^= (int)((uint)h >> 16);
        return h & (capacity - 1);
    }
}
