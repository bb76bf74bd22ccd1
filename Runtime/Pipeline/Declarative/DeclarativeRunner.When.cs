using System.Text;
using System.Text.RegularExpressions;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Declarative;

internal sealed partial class DeclarativeRunner
{
    /// <summary>All conditions of a when block (an implicit allOf; anyOf short-circuits).</summary>
    private async ValueTask<bool> EvaluateWhenAsync(FlowContext flow, WhenNode when)
    {
        foreach (var condition in when.Conditions)
        {
            if (!await EvaluateConditionAsync(flow, condition).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<bool> EvaluateConditionAsync(FlowContext flow, WhenConditionNode condition)
    {
        switch (condition.Name)
        {
            case "not":
                return !await EvaluateConditionAsync(flow, condition.Children.Single()).ConfigureAwait(false);
            case "allOf":
                foreach (var child in condition.Children)
                {
                    if (!await EvaluateConditionAsync(flow, child).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;
            case "anyOf":
                foreach (var child in condition.Children)
                {
                    if (await EvaluateConditionAsync(flow, child).ConfigureAwait(false))
                    {
                        return true;
                    }
                }

                return false;
            case "expression":
                var closure = (CallableValue)(await EvaluateAsync(condition.Expression!, flow).ConfigureAwait(false))!;
                return GroovyTruth.IsTrue(await closure.CallAsync(Interpreter, [], _frame.WithFlow(flow), condition.Span).ConfigureAwait(false));
        }

        var arguments = await Interpreter.EvaluateArgumentsAsync(condition.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false);
        var described = new DescribableValue(condition.Name, arguments);
        var environment = _build.EffectiveEnvironment(flow);
        string? Env(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        switch (condition.Name)
        {
            case "branch":
                var branch = Env("BRANCH_NAME") ?? Env("GIT_LOCAL_BRANCH");
                return branch is not null && Compare(described.GetString("pattern", true) ?? string.Empty, branch, described.GetString("comparator") ?? "GLOB", true);
            case "tag":
                var tag = Env("TAG_NAME");
                var tagPattern = described.GetString("pattern", true) ?? string.Empty;
                return tag is not null && (tagPattern.Length == 0 || Compare(tagPattern, tag, described.GetString("comparator") ?? "GLOB", true));
            case "buildingTag":
                return Env("TAG_NAME") is not null;
            case "environment":
                var actual = Env(described.GetString("name") ?? string.Empty) ?? string.Empty;
                var expected = described.GetString("value") ?? string.Empty;
                return GroovyTruth.IsTrue(described.Get("ignoreCase"))
                    ? string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
                    : actual == expected;
            case "equals":
                return GroovyEquality.AreEqual(described.Get("expected"), described.Get("actual"));
            case "changeRequest":
                return ChangeRequest(described, environment);
            case "changelog":
            case "changeset":
                var changes = _build.Scm.Commits;
                if (changes.Count == 0)
                {
                    _build.Log(flow, "Warning, empty changelog. Probably because this is the first build.");
                    return false;
                }

                var pattern = described.GetString("pattern", true) ?? string.Empty;
                if (condition.Name == "changelog")
                {
                    var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.Singleline, TimeSpan.FromSeconds(5));
                    return changes.Select(c => c.Message).Any(m => regex.Match(m) is { Success: true } match && match.Length == m.Length || regex.IsMatch(m.Split('\n')[0]) && regex.Match(m.Split('\n')[0]).Length == m.Split('\n')[0].Length);
                }

                var caseSensitive = GroovyTruth.IsTrue(described.Get("caseSensitive"));
                return changes.SelectMany(c => c.Paths).Select(p => p.Path).Distinct(StringComparer.Ordinal).Any(f => Compare(pattern, f, described.GetString("comparator") ?? "GLOB", caseSensitive));
            case "triggeredBy":
                return TriggeredBy(described);
            case "isRestartedRun":
                return _build.Request.RestartFromStage is not null;
            default:
                throw StepErrors.Abort($"Unknown when condition '{condition.Name}'");
        }
    }

    private bool TriggeredBy(DescribableValue described)
    {
        var cause = described.GetString("cause", true) ?? string.Empty;
        return _build.Request.Cause.Matches(cause, described.GetString("detail"));
    }

    private static bool ChangeRequest(DescribableValue described, Dictionary<string, string> environment)
    {
        if (!environment.ContainsKey("CHANGE_ID"))
        {
            return false;
        }

        var comparator = described.GetString("comparator") ?? "EQUALS";
        foreach (var (attribute, variable) in new[] { ("id", "CHANGE_ID"), ("target", "CHANGE_TARGET"), ("branch", "CHANGE_BRANCH"), ("fork", "CHANGE_FORK"), ("url", "CHANGE_URL"), ("title", "CHANGE_TITLE"), ("author", "CHANGE_AUTHOR"), ("authorDisplayName", "CHANGE_AUTHOR_DISPLAY_NAME"), ("authorEmail", "CHANGE_AUTHOR_EMAIL") })
        {
            if (described.GetString(attribute) is { } pattern && !Compare(pattern, environment.GetValueOrDefault(variable) ?? string.Empty, comparator, true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The comparators of branch, tag, changeRequest and changeset: EQUALS, GLOB (Ant style) or REGEXP (whole match).</summary>
    internal static bool Compare(string pattern, string value, string comparator, bool caseSensitive) => comparator.ToUpperInvariant() switch
    {
        "EQUALS" => string.Equals(pattern, value, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase),
        "REGEXP" => new Regex("\\A(?:" + pattern + ")\\z", caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)).IsMatch(value),
        _ => new Regex(GlobToRegex(pattern), caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)).IsMatch(value),
    };

    /// <summary>Ant's path glob: <c>**</c> any path, <c>*</c> within a segment, <c>?</c> one character.</summary>
    internal static string GlobToRegex(string glob)
    {
        var builder = new StringBuilder("\\A");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                builder.Append(".*");
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    builder.Append("/?");
                    i++;
                }
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        return builder.Append("\\z").ToString();
    }
}
