using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>java.util.regex.Matcher: matches, find, group, groupCount, with Groovy's indexing and iteration.</summary>
public static class MatcherMethods
{
    public static async ValueTask<object?> InvokeAsync(MatcherValue matcher, string name, MethodCall call)
    {
        switch (name)
        {
            case "matches":
                return matcher.Matches();
            case "find":
                return matcher.Find();
            case "lookingAt":
                return matcher.Count > 0 && matcher.GetMatch(0) is not null && matcher.Input.StartsWith(matcher.Group(0) ?? "\0", StringComparison.Ordinal);
            case "group":
                return call.Count == 0 ? matcher.Group(0) : call[0] is string groupName ? matcher.Group(groupName) : matcher.Group(call.IntAt(0));
            case "groupCount":
                return matcher.GroupCount;
            case "getCount" or "size":
                return matcher.Count;
            case "getAt":
                return matcher.GetMatch(call.IntAt(0));
            case "reset":
                matcher.Reset();
                return matcher;
            case "hasGroup":
                return matcher.GroupCount > 0;
            case "asBoolean":
                return matcher.Count > 0;
            case "each" or "collect" or "findAll" or "any" or "every" or "eachWithIndex" or "toList":
                var matches = Enumerable.Range(0, matcher.Count).Select(matcher.GetMatch).ToList();
                return await CollectionMethods.InvokeAsync(matches, name, call).ConfigureAwait(false);
        }

        return Undefined.Value;
    }
}
