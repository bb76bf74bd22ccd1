using System.Text.RegularExpressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// The result of <c>text =~ /pattern/</c> (java.util.regex.Matcher): indexable by match
/// (<c>m[0]</c> is the whole match, or a list of it and its groups when the pattern has groups),
/// true when anything matched, with <c>find()</c>, <c>matches()</c> and <c>group(n)</c>.
/// </summary>
public sealed class MatcherValue
{
    private readonly List<Match> _matches;
    private int _position = -1;

    public MatcherValue(string input, Regex regex, string pattern)
    {
        Input = input;
        Regex = regex;
        Pattern = pattern;
        _matches = new List<Match>(regex.Matches(input));
    }

    public string Input { get; }

    public Regex Regex { get; }

    public string Pattern { get; }

    public int Count => _matches.Count;

    public int GroupCount => Regex.GetGroupNumbers().Length - 1;

    /// <summary>Groovy's <c>matcher[i]</c>: the i-th match, or [match, group1, ...] when there are groups.</summary>
    public object? GetMatch(int index)
    {
        if (index < 0)
        {
            index += _matches.Count;
        }

        if (index < 0 || index >= _matches.Count)
        {
            return null;
        }

        var match = _matches[index];
        if (GroupCount == 0)
        {
            return match.Value;
        }

        var groups = new List<object?>(GroupCount + 1);
        for (var g = 0; g <= GroupCount; g++)
        {
            groups.Add(match.Groups[g].Success ? match.Groups[g].Value : null);
        }

        return groups;
    }

    public bool Find()
    {
        if (_position + 1 < _matches.Count)
        {
            _position++;
            return true;
        }

        return false;
    }

    public bool Matches()
    {
        var whole = JavaRegex.CreateWhole(Pattern).Match(Input);
        if (whole.Success)
        {
            _matches.Clear();
            _matches.Add(whole);
            _position = 0;
            return true;
        }

        return false;
    }

    public void Reset() => _position = -1;

    /// <summary><c>group(n)</c> of the current match (after find or matches; the first match otherwise).</summary>
    public string? Group(int group)
    {
        var match = _position >= 0 && _position < _matches.Count ? _matches[_position] : _matches.FirstOrDefault();
        if (match is null)
        {
            throw new InvalidOperationException("No match found");
        }

        return group <= GroupCount && match.Groups[group].Success ? match.Groups[group].Value : null;
    }

    public string? Group(string name)
    {
        var match = _position >= 0 && _position < _matches.Count ? _matches[_position] : _matches.FirstOrDefault();
        return match is not null && match.Groups[name].Success ? match.Groups[name].Value : null;
    }

    public override string ToString() =>
        $"java.util.regex.Matcher[pattern={Pattern} region=0,{Input.Length} lastmatch=]";
}
