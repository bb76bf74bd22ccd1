using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>java.util.LinkedHashMap with Groovy's map methods (each with key/value, collectEntries, findAll returning a map...).</summary>
public static class MapMethods
{
    public static async ValueTask<object?> InvokeAsync(GroovyMap map, string name, MethodCall call)
    {
        var closure = call.Closure(call.Count - 1);
        switch (name)
        {
            case "size":
                return map.Count;
            case "isEmpty":
                return map.Count == 0;
            case "get":
                return map.TryGetValue(call[0], out var value) ? value : call.Count > 1 ? call[1] : null;
            case "getOrDefault":
                return map.TryGetValue(call[0], out var present) ? present : call[1];
            case "getAt":
                return map[call[0]];
            case "put" or "putAt":
                map.TryGetValue(call[0], out var previous);
                map[call[0]] = call[1];
                return name == "put" ? previous : null;
            case "putIfAbsent":
                if (map.TryGetValue(call[0], out var existing) && existing is not null)
                {
                    return existing;
                }

                map[call[0]] = call[1];
                return null;
            case "putAll" or "leftShift":
                if (call[0] is GroovyMap other)
                {
                    foreach (var entry in other)
                    {
                        map[entry.Key] = entry.Value;
                    }
                }

                return name == "leftShift" ? map : null;
            case "remove":
                return map.Remove(call[0], out var removed) ? removed : null;
            case "clear":
                map.Clear();
                return null;
            case "containsKey":
                return map.ContainsKey(call[0]);
            case "containsValue":
                return map.Values.Any(v => GroovyEquality.AreEqual(v, call[0]));
            case "keySet":
                return new GroovySet(map.Keys);
            case "values":
                return map.Values.ToList();
            case "entrySet":
                return new GroovySet(Entries(map));
            case "each" when closure is not null:
                foreach (var entry in Entries(map))
                {
                    await call.CallWithItemAsync(closure, entry).ConfigureAwait(false);
                }

                return map;
            case "eachWithIndex" when closure is not null:
                var index = 0;
                foreach (var entry in Entries(map))
                {
                    await call.CallAsync(closure, entry, index++).ConfigureAwait(false);
                }

                return map;
            case "collect" when closure is not null:
                var collected = new List<object?>();
                foreach (var entry in Entries(map))
                {
                    collected.Add(await call.CallWithItemAsync(closure, entry).ConfigureAwait(false));
                }

                return collected;
            case "collectEntries":
                return await CollectionMethods.CollectEntriesAsync(Entries(map), call, closure).ConfigureAwait(false);
            case "find" when closure is not null:
                foreach (var entry in Entries(map))
                {
                    if (await call.TestAsync(closure, entry).ConfigureAwait(false))
                    {
                        return entry;
                    }
                }

                return null;
            case "findAll" when closure is not null:
                var found = new GroovyMap();
                foreach (var entry in Entries(map))
                {
                    if (await call.TestAsync(closure, entry).ConfigureAwait(false))
                    {
                        found[entry.Key] = entry.Value;
                    }
                }

                return found;
            case "findResult" when closure is not null:
                foreach (var entry in Entries(map))
                {
                    var result = await call.CallWithItemAsync(closure, entry).ConfigureAwait(false);
                    if (result is not null)
                    {
                        return result;
                    }
                }

                return null;
            case "any":
                foreach (var entry in Entries(map))
                {
                    if (closure is null || await call.TestAsync(closure, entry).ConfigureAwait(false))
                    {
                        return true;
                    }
                }

                return false;
            case "every" when closure is not null:
                foreach (var entry in Entries(map))
                {
                    if (!await call.TestAsync(closure, entry).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;
            case "count" when closure is not null:
                var count = 0;
                foreach (var entry in Entries(map))
                {
                    if (await call.TestAsync(closure, entry).ConfigureAwait(false))
                    {
                        count++;
                    }
                }

                return count;
            case "inject" when call.Count == 2 && closure is not null:
                var accumulator = call[0];
                foreach (var entry in Entries(map))
                {
                    accumulator = closure.ParameterCount == 3
                        ? await call.CallAsync(closure, accumulator, entry.Key, entry.Value).ConfigureAwait(false)
                        : await call.CallAsync(closure, accumulator, entry).ConfigureAwait(false);
                }

                return accumulator;
            case "groupBy" when closure is not null:
                var groups = new GroovyMap();
                foreach (var entry in Entries(map))
                {
                    var key = await call.CallWithItemAsync(closure, entry).ConfigureAwait(false);
                    if (groups[key] is not GroovyMap group)
                    {
                        groups[key] = group = new GroovyMap();
                    }

                    group[entry.Key] = entry.Value;
                }

                return groups;
            case "sort":
                var entries = Entries(map).Cast<object?>().ToList();
                List<object?> sorted;
                if (closure is null)
                {
                    sorted = [.. entries.OrderBy(e => ((MapEntryValue)e!).Key, Comparer<object?>.Create(GroovyCompare.Compare))];
                }
                else
                {
                    sorted = await CollectionMethods.SortAsync(entries, closure, call).ConfigureAwait(false);
                }

                return new GroovyMap(sorted.Cast<MapEntryValue>().Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)));
            case "max" or "min" when closure is not null:
                var all = Entries(map).Cast<object?>().ToList();
                if (all.Count == 0)
                {
                    return null;
                }

                var ordered = await CollectionMethods.SortAsync(all, closure, call).ConfigureAwait(false);
                return name == "max" ? ordered[^1] : ordered[0];
            case "subMap":
                var keys = GroovyInterpreter.Iterate(call[0]).ToList();
                return new GroovyMap(map.Where(e => keys.Any(k => GroovyEquality.AreEqual(k, e.Key))));
            case "plus":
            case "minus":
                return await call.Interpreter.ApplyBinaryAsync(
                    name == "plus" ? Parser.Ast.Expressions.BinaryOperator.Add : Parser.Ast.Expressions.BinaryOperator.Subtract,
                    map, call[0], call.Frame, call.Span).ConfigureAwait(false);
            case "toSorted":
                return new GroovyMap(map.OrderBy(e => e.Key, Comparer<object?>.Create(GroovyCompare.Compare)));
            case "asImmutable" or "asUnmodifiable" or "asSynchronized":
                return map.Copy();
            case "isCase":
                return GroovyTruth.IsTrue(map[call[0]]);
        }

        return Undefined.Value;
    }

    private static List<MapEntryValue> Entries(GroovyMap map) =>
        map.Select(e => new MapEntryValue(e.Key, e.Value)).ToList();
}
