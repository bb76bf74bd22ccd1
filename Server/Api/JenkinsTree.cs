using System.Globalization;
using System.Text.Json.Nodes;

namespace ContainerCd.Server.Api;

/// <summary>
/// Jenkins' <c>tree=</c> parameter of <c>api/json</c>: <c>computer[displayName,offline,executors[currentExecutable[url]]]</c>
/// keeps the named properties only (<c>*</c>: all the others, whole), each object's <c>_class</c> always; an object or a list of
/// objects named without brackets keeps only its <c>_class</c> (as Jenkins answers <c>tree=jobs</c>); <c>{M,N}</c> after a
/// list's name keeps its items M to N-1 (<c>{M,}</c> from M, <c>{,N}</c> the first N, <c>{N}</c> item N alone).
/// </summary>
internal sealed class JenkinsTree
{
    private const string Wildcard = "*";
    private readonly Dictionary<string, Branch> _branches;

    private JenkinsTree(Dictionary<string, Branch> branches) => _branches = branches;

    /// <summary>Reads a tree; a malformed one is a <see cref="FormatException"/> saying what is wrong where (a 0-based offset).</summary>
    public static JenkinsTree Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var tree = ParseList(text, ref position, nested: false);
        return position == text.Length ? tree : throw Error(text, position, $"unexpected '{text[position]}'");
    }

    /// <summary>The part of <paramref name="value"/> this tree names (a list: each item's part).</summary>
    public JsonNode? Prune(JsonNode? value) => value switch
    {
        JsonArray array => new JsonArray([.. array.Select(Prune)]),
        JsonObject obj => PruneObject(obj),
        _ => value?.DeepClone(),
    };

    private JsonObject PruneObject(JsonObject obj)
    {
        var pruned = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name == "_class")
            {
                pruned[name] = value?.DeepClone();
            }
            else if (_branches.TryGetValue(name, out var branch))
            {
                pruned[name] = branch.Prune(value);
            }
            else if (_branches.ContainsKey(Wildcard))
            {
                pruned[name] = value?.DeepClone();
            }
        }

        return pruned;
    }

    private static JenkinsTree ParseList(string text, ref int position, bool nested)
    {
        var branches = new Dictionary<string, Branch>(StringComparer.Ordinal);
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '[' or ']' or '{' or '}'))
            {
                position++;
            }

            var name = text[start..position];
            if (name.Length == 0)
            {
                throw Error(text, position, position < text.Length ? $"a property name expected before '{text[position]}'" : "a property name expected at the end");
            }

            JenkinsTree? children = null;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                children = ParseList(text, ref position, nested: true);
                Expect(text, ref position, ']');
            }

            Range? range = null;
            if (position < text.Length && text[position] == '{')
            {
                position++;
                range = ParseRange(text, ref position);
            }

            branches[name] = new Branch(children, range);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            if (position == text.Length || nested && text[position] == ']')
            {
                return new JenkinsTree(branches);
            }

            throw Error(text, position, $"unexpected '{text[position]}'");
        }
    }

    private static Range ParseRange(string text, ref int position)
    {
        var from = Number(text, ref position);
        if (position < text.Length && text[position] == '}')
        {
            position++;
            var only = from ?? throw Error(text, position - 1, "a number expected in {N}");
            return new Range(only, only + 1);
        }

        Expect(text, ref position, ',');
        var to = Number(text, ref position);
        Expect(text, ref position, '}');
        return new Range(from ?? Index.Start, to is { } end ? (Index)end : Index.End);
    }

    private static int? Number(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return position == start ? null
            : int.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
            : throw Error(text, start, "a number too large");
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw Error(text, position, position < text.Length ? $"'{expected}' expected, found '{text[position]}'" : $"'{expected}' expected at the end");
        }

        position++;
    }

    private static FormatException Error(string text, int position, string message) =>
        new($"tree '{text}', column {position + 1}: {message}");

    /// <summary>What one named property keeps: its own tree (null: its value as is, an object only its <c>_class</c>) and the range of a list's items.</summary>
    private sealed record Branch(JenkinsTree? Children, Range? Range)
    {
        public JsonNode? Prune(JsonNode? value)
        {
            if (Range is { } range && value is JsonArray list)
            {
                var (offset, length) = Clamp(range, list.Count);
                value = new JsonArray([.. list.Skip(offset).Take(length).Select(item => item?.DeepClone())]);
            }

            return Children is not null ? Children.Prune(value) : ClassOnly(value);
        }

        private static (int Offset, int Length) Clamp(Range range, int count)
        {
            var start = Math.Min(range.Start.IsFromEnd ? count - range.Start.Value : range.Start.Value, count);
            var end = Math.Min(range.End.IsFromEnd ? count - range.End.Value : range.End.Value, count);
            return (start, Math.Max(0, end - start));
        }

        private static JsonNode? ClassOnly(JsonNode? value) => value switch
        {
            JsonObject obj => obj.TryGetPropertyValue("_class", out var type) ? new JsonObject { ["_class"] = type?.DeepClone() } : new JsonObject(),
            JsonArray array => new JsonArray([.. array.Select(ClassOnly)]),
            _ => value?.DeepClone(),
        };
    }
}
