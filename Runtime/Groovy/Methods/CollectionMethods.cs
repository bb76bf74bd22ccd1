using System.Collections;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>java.util.List, Set and Groovy's ranges with Groovy's collection methods (each, collect, findAll, inject, sort...).</summary>
public static class CollectionMethods
{
    public static async ValueTask<object?> InvokeAsync(IEnumerable receiver, string name, MethodCall call)
    {
        var list = receiver as IList;
        var mutable = list;
        var set = receiver as GroovySet;
        var items = receiver is List<object?> direct ? direct : receiver.Cast<object?>().ToList();
        var closure = call.Closure(0);

        switch (name)
        {
            case "size":
                return items.Count;
            case "isEmpty":
                return items.Count == 0;
            case "contains":
                return set?.Contains(call[0]) ?? items.Any(i => GroovyEquality.AreEqual(i, call[0]));
            case "containsAll":
                return GroovyInterpreter.Iterate(call[0]).All(x => items.Any(i => GroovyEquality.AreEqual(i, x)));
            case "indexOf":
                return items.FindIndex(i => GroovyEquality.AreEqual(i, call[0]));
            case "lastIndexOf":
                return items.FindLastIndex(i => GroovyEquality.AreEqual(i, call[0]));
            case "get" when call.Count == 1 && NumberMath.IsIntegral(call[0]):
                var index = call.IntAt(0);
                if (index < 0 || index >= items.Count)
                {
                    throw ScriptErrors.IndexOutOfBounds($"Index: {index}, Size: {items.Count}");
                }

                return items[index];
            case "getAt":
                return GroovyInterpreter.GetAt(receiver, call[0], call.Frame, call.Span);
            case "first" or "head" when call.Count == 0:
                return items.Count > 0 ? items[0] : throw new KeyNotFoundException($"Cannot access {name}() element from an empty List");
            case "last" when call.Count == 0:
                return items.Count > 0 ? items[^1] : throw new KeyNotFoundException("Cannot access last() element from an empty List");
            case "tail":
                return items.Count > 0 ? items.Skip(1).ToList() : throw new KeyNotFoundException("Cannot access tail() for an empty List");
            case "init":
                return items.Count > 0 ? items.Take(items.Count - 1).ToList() : throw new KeyNotFoundException("Cannot access init() for an empty List");
            case "take":
                return items.Take(Math.Max(0, call.IntAt(0))).ToList();
            case "drop":
                return items.Skip(Math.Max(0, call.IntAt(0))).ToList();
            case "takeWhile" when closure is not null:
                var taken = new List<object?>();
                foreach (var item in items)
                {
                    if (!await call.TestAsync(closure, item).ConfigureAwait(false))
                    {
                        break;
                    }

                    taken.Add(item);
                }

                return taken;
            case "dropWhile" when closure is not null:
                var position = 0;
                while (position < items.Count && await call.TestAsync(closure, items[position]).ConfigureAwait(false))
                {
                    position++;
                }

                return items.Skip(position).ToList();
            case "subList":
                return items.GetRange(call.IntAt(0), call.IntAt(1) - call.IntAt(0));
            case "reverse":
                var reversed = new List<object?>(items);
                reversed.Reverse();
                return reversed;
            case "join":
                var joined = string.Join(call.Count > 0 ? call.Text(0) : string.Empty, items.Select(GroovyFormat.ToDisplayString));
                call.CheckLength(joined.Length);
                return joined;
            case "each" when closure is not null:
                foreach (var item in items)
                {
                    await call.CallWithItemAsync(closure, item).ConfigureAwait(false);
                }

                return receiver;
            case "reverseEach" when closure is not null:
                for (var i = items.Count - 1; i >= 0; i--)
                {
                    await call.CallWithItemAsync(closure, items[i]).ConfigureAwait(false);
                }

                return receiver;
            case "eachWithIndex" when closure is not null:
                for (var i = 0; i < items.Count; i++)
                {
                    await call.CallAsync(closure, items[i], i).ConfigureAwait(false);
                }

                return receiver;
            case "collect":
                return await CollectAsync(items, call, closure).ConfigureAwait(false);
            case "collectMany" when closure is not null:
                var many = new List<object?>();
                foreach (var item in items)
                {
                    many.AddRange(GroovyInterpreter.Iterate(await call.CallWithItemAsync(closure, item).ConfigureAwait(false)));
                }

                return many;
            case "collectEntries":
                return await CollectEntriesAsync(items, call, closure).ConfigureAwait(false);
            case "find":
                foreach (var item in items)
                {
                    if (closure is null ? GroovyTruth.IsTrue(item) : await call.TestAsync(closure, item).ConfigureAwait(false))
                    {
                        return item;
                    }
                }

                return null;
            case "findAll":
                var found = new List<object?>();
                foreach (var item in items)
                {
                    if (closure is null ? GroovyTruth.IsTrue(item) : await call.TestAsync(closure, item).ConfigureAwait(false))
                    {
                        found.Add(item);
                    }
                }

                return set is not null ? new GroovySet(found) : found;
            case "grep":
                var matching = new List<object?>();
                foreach (var item in items)
                {
                    if (call.Count == 0 ? GroovyTruth.IsTrue(item) : await call.Interpreter.IsCaseAsync(call[0], item, call.Frame, call.Span).ConfigureAwait(false))
                    {
                        matching.Add(item);
                    }
                }

                return matching;
            case "findResult" when call.Closure(call.Count - 1) is { } resultClosure:
                foreach (var item in items)
                {
                    var result = await call.CallWithItemAsync(resultClosure, item).ConfigureAwait(false);
                    if (result is not null)
                    {
                        return result;
                    }
                }

                return call.Count > 1 ? call[0] : null;
            case "findIndexOf" when closure is not null:
                for (var i = 0; i < items.Count; i++)
                {
                    if (await call.TestAsync(closure, items[i]).ConfigureAwait(false))
                    {
                        return i;
                    }
                }

                return -1;
            case "findLastIndexOf" when closure is not null:
                for (var i = items.Count - 1; i >= 0; i--)
                {
                    if (await call.TestAsync(closure, items[i]).ConfigureAwait(false))
                    {
                        return i;
                    }
                }

                return -1;
            case "findIndexValues" when closure is not null:
                var indexes = new List<object?>();
                for (var i = 0; i < items.Count; i++)
                {
                    if (await call.TestAsync(closure, items[i]).ConfigureAwait(false))
                    {
                        indexes.Add(i);
                    }
                }

                return indexes;
            case "any":
                foreach (var item in items)
                {
                    if (closure is null ? GroovyTruth.IsTrue(item) : await call.TestAsync(closure, item).ConfigureAwait(false))
                    {
                        return true;
                    }
                }

                return false;
            case "every":
                foreach (var item in items)
                {
                    if (!(closure is null ? GroovyTruth.IsTrue(item) : await call.TestAsync(closure, item).ConfigureAwait(false)))
                    {
                        return false;
                    }
                }

                return true;
            case "count":
                var counted = 0;
                foreach (var item in items)
                {
                    if (closure is not null ? await call.TestAsync(closure, item).ConfigureAwait(false) : GroovyEquality.AreEqual(item, call[0]))
                    {
                        counted++;
                    }
                }

                return counted;
            case "inject":
                return await InjectAsync(items, call).ConfigureAwait(false);
            case "sum":
                return await SumAsync(items, call).ConfigureAwait(false);
            case "max" or "min":
                return await ExtremeAsync(items, call, closure, name == "max").ConfigureAwait(false);
            case "sort" or "toSorted":
                var sortClosure = call.Closure(call.Count - 1);
                var inPlace = name == "sort" && mutable is not null && (call.Count == 0 || call[0] is not false);
                var sorted = await SortAsync(items, sortClosure, call).ConfigureAwait(false);
                if (inPlace)
                {
                    mutable!.Clear();
                    foreach (var item in sorted)
                    {
                        mutable.Add(item);
                    }

                    return mutable;
                }

                return sorted;
            case "unique" or "toUnique":
                var uniqueClosure = call.Closure(call.Count - 1);
                var unique = await UniqueAsync(items, uniqueClosure, call).ConfigureAwait(false);
                if (name == "unique" && mutable is not null && (call.Count == 0 || call[0] is not false))
                {
                    mutable.Clear();
                    foreach (var item in unique)
                    {
                        mutable.Add(item);
                    }

                    return mutable;
                }

                return set is not null ? new GroovySet(unique) : unique;
            case "flatten":
                var flat = new List<object?>();
                Flatten(items, flat, 0);
                return flat;
            case "groupBy" when closure is not null:
                var groups = new GroovyMap();
                foreach (var item in items)
                {
                    var key = await call.CallWithItemAsync(closure, item).ConfigureAwait(false);
                    if (groups[key] is not List<object?> group)
                    {
                        groups[key] = group = [];
                    }

                    group.Add(item);
                }

                return groups;
            case "countBy" when closure is not null:
                var counts = new GroovyMap();
                foreach (var item in items)
                {
                    var key = await call.CallWithItemAsync(closure, item).ConfigureAwait(false);
                    counts[key] = counts[key] is int n ? n + 1 : 1;
                }

                return counts;
            case "split" when closure is not null:
                var yes = new List<object?>();
                var no = new List<object?>();
                foreach (var item in items)
                {
                    (await call.TestAsync(closure, item).ConfigureAwait(false) ? yes : no).Add(item);
                }

                return new List<object?> { yes, no };
            case "collate":
                var size = call.IntAt(0);
                return items.Chunk(Math.Max(1, size)).Select(c => (object?)c.ToList()).ToList();
            case "withIndex" or "indexed":
                if (name == "indexed")
                {
                    var indexed = new GroovyMap();
                    for (var i = 0; i < items.Count; i++)
                    {
                        indexed[i] = items[i];
                    }

                    return indexed;
                }

                return items.Select((item, i) => (object?)new List<object?> { item, i }).ToList();
            case "intersect":
                var other = GroovyInterpreter.Iterate(call[0]).ToList();
                return items.Where(i => other.Any(o => GroovyEquality.AreEqual(i, o))).ToList();
            case "disjoint":
                var others = GroovyInterpreter.Iterate(call[0]).ToList();
                return !items.Any(i => others.Any(o => GroovyEquality.AreEqual(i, o)));
            case "plus":
                var plus = new List<object?>(items);
                if (call.Count == 2 && NumberMath.IsIntegral(call[0]))
                {
                    plus.InsertRange(call.IntAt(0), GroovyInterpreter.Iterate(call[1]));
                    return plus;
                }

                return await call.Interpreter.ApplyBinaryAsync(Parser.Ast.Expressions.BinaryOperator.Add, receiver, call[0], call.Frame, call.Span).ConfigureAwait(false);
            case "minus":
                return await call.Interpreter.ApplyBinaryAsync(Parser.Ast.Expressions.BinaryOperator.Subtract, receiver, call[0], call.Frame, call.Span).ConfigureAwait(false);
            case "toList" or "asList" or "toArray" or "asImmutable" or "asUnmodifiable" or "asSynchronized":
                return new List<object?>(items);
            case "toSet" or "asType" when name == "toSet" || call[0] is ClassValue { SimpleName: "Set" }:
                return new GroovySet(items);
            case "toListString":
                return GroovyFormat.ToDisplayString(items);
            case "isCase":
                return set?.Contains(call[0]) ?? items.Any(i => GroovyEquality.AreEqual(i, call[0]));
            case "step" when receiver is RangeValue range:
                var stepped = new List<object?>();
                var step = call.IntAt(0);
                for (var i = 0; i < range.Count; i += Math.Max(1, step))
                {
                    stepped.Add(range[i]);
                }

                return stepped;
            case "getFrom" when receiver is RangeValue range:
                return range[0];
            case "getTo" when receiver is RangeValue range:
                return range[^1];
            case "isReverse" when receiver is RangeValue range:
                return range.Reverse;
        }

        if (set is not null)
        {
            return SetMutation(set, name, call);
        }

        if (mutable is not null)
        {
            return await ListMutationAsync(mutable, name, call).ConfigureAwait(false);
        }

        if (receiver is RangeValue && name is "add" or "remove" or "clear" or "set" or "putAt" or "addAll" or "removeAll" or "push" or "pop")
        {
            throw new NotSupportedException("Ranges are immutable");
        }

        return Undefined.Value;
    }

    private static object? SetMutation(GroovySet set, string name, MethodCall call)
    {
        switch (name)
        {
            case "add" or "leftShift":
                var added = set.Add(call[0]);
                return name == "add" ? added : set;
            case "addAll":
                var changed = false;
                foreach (var item in GroovyInterpreter.Iterate(call[0]))
                {
                    changed |= set.Add(item);
                }

                return changed;
            case "remove":
                return set.Remove(call[0]);
            case "removeAll":
                var removed = false;
                foreach (var item in GroovyInterpreter.Iterate(call[0]).ToList())
                {
                    removed |= set.Remove(item);
                }

                return removed;
            case "clear":
                set.Clear();
                return null;
            default:
                return Undefined.Value;
        }
    }

    private static async ValueTask<object?> ListMutationAsync(IList list, string name, MethodCall call)
    {
        switch (name)
        {
            case "add" or "push" or "leftShift":
                if (call.Count == 2)
                {
                    list.Insert(call.IntAt(0), call[1]);
                    return null;
                }

                list.Add(call[0]);
                return name == "add" ? true : list;
            case "addAll":
                var insertAt = call.Count == 2 ? call.IntAt(0) : list.Count;
                foreach (var item in GroovyInterpreter.Iterate(call[call.Count - 1]).ToList())
                {
                    list.Insert(insertAt++, item);
                }

                return true;
            case "remove" or "removeAt":
                if (NumberMath.IsIntegral(call[0]) && (name == "removeAt" || call[0] is int))
                {
                    var index = call.IntAt(0);
                    if (index < 0 || index >= list.Count)
                    {
                        throw ScriptErrors.IndexOutOfBounds($"Index: {index}, Size: {list.Count}");
                    }

                    var removed = list[index];
                    list.RemoveAt(index);
                    return removed;
                }

                return RemoveFirst(list, call[0]);
            case "removeElement":
                return RemoveFirst(list, call[0]);
            case "pop":
                if (list.Count == 0)
                {
                    throw new KeyNotFoundException("Cannot pop() an empty List");
                }

                var last = list[^1];
                list.RemoveAt(list.Count - 1);
                return last;
            case "removeAll" or "retainAll" or "removeIf":
                var keep = name == "retainAll";
                var changed = false;
                var closure = call.Closure(0);
                var other = closure is null ? GroovyInterpreter.Iterate(call[0]).ToList() : [];
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    var matches = closure is not null
                        ? await call.TestAsync(closure, list[i]).ConfigureAwait(false)
                        : other.Any(o => GroovyEquality.AreEqual(o, list[i]));
                    if (matches != keep)
                    {
                        list.RemoveAt(i);
                        changed = true;
                    }
                }

                return changed;
            case "clear":
                list.Clear();
                return null;
            case "set":
                var position = call.IntAt(0);
                var previous = list[position];
                list[position] = call[1];
                return previous;
            case "putAt":
                GroovyInterpreter.PutAt(list, call[0], call[1], call.Frame, call.Span);
                return null;
            default:
                return Undefined.Value;
        }
    }

    private static bool RemoveFirst(IList list, object? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (GroovyEquality.AreEqual(list[i], value))
            {
                list.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    private static async ValueTask<object?> CollectAsync(List<object?> items, MethodCall call, CallableValue? closure)
    {
        var results = new List<object?>(items.Count);
        var target = call[0] is IList initial && closure is not null && call.Count == 2 ? initial : null;
        var transform = call.Closure(call.Count - 1);
        foreach (var item in items)
        {
            results.Add(transform is null ? item : await call.CallWithItemAsync(transform, item).ConfigureAwait(false));
        }

        if (target is not null)
        {
            foreach (var item in results)
            {
                target.Add(item);
            }

            return target;
        }

        return results;
    }

    public static async ValueTask<GroovyMap> CollectEntriesAsync(IEnumerable<object?> items, MethodCall call, CallableValue? closure)
    {
        var map = call[0] is GroovyMap initial && call.Count == 2 ? initial : new GroovyMap();
        var transform = call.Closure(call.Count - 1);
        foreach (var item in items)
        {
            var entry = transform is null ? item : await call.CallWithItemAsync(transform, item).ConfigureAwait(false);
            switch (entry)
            {
                case MapEntryValue e:
                    map[e.Key] = e.Value;
                    break;
                case GroovyMap m:
                    foreach (var pair in m)
                    {
                        map[pair.Key] = pair.Value;
                    }

                    break;
                case IList { Count: 2 } pair:
                    map[pair[0]] = pair[1];
                    break;
                default:
                    throw ScriptErrors.IllegalArgument($"collectEntries expects a [key, value] pair, got {GroovyFormat.ToDisplayString(entry)}");
            }
        }

        _ = closure;
        return map;
    }

    private static async ValueTask<object?> InjectAsync(List<object?> items, MethodCall call)
    {
        CallableValue closure;
        object? accumulator;
        var start = 0;
        if (call.Count == 1 && call.Closure(0) is { } only)
        {
            closure = only;
            if (items.Count == 0)
            {
                throw new KeyNotFoundException("Can't inject() with no initial value on an empty collection");
            }

            accumulator = items[0];
            start = 1;
        }
        else
        {
            closure = call.Closure(1) ?? throw ScriptErrors.IllegalArgument("inject needs a closure");
            accumulator = call[0];
        }

        for (var i = start; i < items.Count; i++)
        {
            accumulator = await call.CallAsync(closure, accumulator, items[i]).ConfigureAwait(false);
        }

        return accumulator;
    }

    private static async ValueTask<object?> SumAsync(List<object?> items, MethodCall call)
    {
        var closure = call.Closure(call.Count - 1);
        var hasInitial = call.Count > 0 && call[0] is not CallableValue;
        object? total = hasInitial ? call[0] : null;
        var first = !hasInitial;
        foreach (var item in items)
        {
            var value = closure is null ? item : await call.CallWithItemAsync(closure, item).ConfigureAwait(false);
            total = first ? value : await call.Interpreter.ApplyBinaryAsync(Parser.Ast.Expressions.BinaryOperator.Add, total, value, call.Frame, call.Span).ConfigureAwait(false);
            first = false;
        }

        return total;
    }

    private static async ValueTask<object?> ExtremeAsync(List<object?> items, MethodCall call, CallableValue? closure, bool max)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            var comparison = await CompareAsync(items[i], best, closure, call).ConfigureAwait(false);
            if (max ? comparison > 0 : comparison < 0)
            {
                best = items[i];
            }
        }

        return best;
    }

    private static async ValueTask<int> CompareAsync(object? a, object? b, CallableValue? closure, MethodCall call)
    {
        if (closure is null)
        {
            return GroovyCompare.Compare(a, b);
        }

        if (closure.ParameterCount == 2)
        {
            return NumberMath.ToInt(await call.CallAsync(closure, a, b).ConfigureAwait(false) ?? 0);
        }

        return GroovyCompare.Compare(await call.CallAsync(closure, a).ConfigureAwait(false), await call.CallAsync(closure, b).ConfigureAwait(false));
    }

    /// <summary>A stable merge sort, since comparisons may call closures (asynchronously).</summary>
    public static async ValueTask<List<object?>> SortAsync(List<object?> items, CallableValue? closure, MethodCall call)
    {
        var array = items.ToArray();
        var buffer = new object?[array.Length];
        for (var width = 1; width < array.Length; width *= 2)
        {
            for (var left = 0; left < array.Length; left += 2 * width)
            {
                var middle = Math.Min(left + width, array.Length);
                var right = Math.Min(left + 2 * width, array.Length);
                int i = left, j = middle, k = left;
                while (i < middle && j < right)
                {
                    buffer[k++] = await CompareAsync(array[j], array[i], closure, call).ConfigureAwait(false) < 0 ? array[j++] : array[i++];
                }

                while (i < middle)
                {
                    buffer[k++] = array[i++];
                }

                while (j < right)
                {
                    buffer[k++] = array[j++];
                }
            }

            (array, buffer) = (buffer, array);
        }

        return [.. array];
    }

    private static async ValueTask<List<object?>> UniqueAsync(List<object?> items, CallableValue? closure, MethodCall call)
    {
        var unique = new List<object?>();
        foreach (var item in items)
        {
            var duplicate = false;
            foreach (var kept in unique)
            {
                if (closure is null ? GroovyEquality.AreEqual(kept, item) : await CompareAsync(kept, item, closure, call).ConfigureAwait(false) == 0)
                {
                    duplicate = true;
                    break;
                }
            }

            if (!duplicate)
            {
                unique.Add(item);
            }
        }

        return unique;
    }

    private static void Flatten(IEnumerable items, List<object?> result, int depth)
    {
        foreach (var item in items)
        {
            if (item is IList or GroovySet or RangeValue && depth < 64)
            {
                Flatten((IEnumerable)item, result, depth + 1);
            }
            else
            {
                result.Add(item);
            }
        }
    }
}
