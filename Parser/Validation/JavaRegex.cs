using System.Text.RegularExpressions;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// Checks a regular expression as Java's <c>Pattern.compile</c> would, since Jenkins evaluates
/// <c>changelog</c> patterns in Java: unlike .NET, Java refuses a <c>{</c> that does not start a
/// repetition such as <c>{2}</c> or <c>{1,3}</c>.
/// </summary>
internal static partial class JavaRegex
{
    /// <summary>Null when the pattern compiles; otherwise why not.</summary>
    public static string? Check(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '{' && !inClass && (i == 0 || !Repetition().IsMatch(pattern.AsSpan(i))))
            {
                return $"Illegal repetition near index {Math.Max(0, i - 1)}";
            }
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex(@"^\{\d+(,\d*)?\}")]
    private static partial Regex Repetition();
}
