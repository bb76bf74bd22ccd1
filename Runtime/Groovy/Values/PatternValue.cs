using System.Text.RegularExpressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A compiled regular expression, <c>~/pattern/</c> (java.util.regex.Pattern).</summary>
public sealed class PatternValue
{
    public PatternValue(string pattern)
    {
        Pattern = pattern;
        Regex = JavaRegex.Create(pattern);
    }

    public string Pattern { get; }

    public Regex Regex { get; }

    public override string ToString() => Pattern;
}
