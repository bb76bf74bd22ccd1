using System.Globalization;
using System.Text;

namespace ContainerCd.Parser.Syntax;

/// <summary>Groovy's escape rules for each kind of string literal.</summary>
internal static class StringEscapes
{
    /// <summary>Quoted strings: \n \t \b \f \r \' \" \\ \$ \/ \uXXXX, octal, and backslash-newline (joins lines).</summary>
    public static string Unescape(ReadOnlySpan<char> text)
    {
        var backslash = text.IndexOf('\\');
        if (backslash < 0)
        {
            return text.ToString();
        }

        var result = new StringBuilder(text.Length);
        result.Append(text[..backslash]);
        for (var i = backslash; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'r': result.Append('\r'); break;
                case 's': result.Append(' '); break;
                case '\n': break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case 'u' when i + 4 < text.Length
                    && int.TryParse(text.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    i += 4;
                    break;
                case >= '0' and <= '7':
                    var octal = next - '0';
                    var digits = 1;
                    while (digits < 3 && i + 1 < text.Length && text[i + 1] is >= '0' and <= '7' && octal * 8 + (text[i + 1] - '0') <= 255)
                    {
                        octal = octal * 8 + (text[++i] - '0');
                        digits++;
                    }

                    result.Append((char)octal);
                    break;
                default:
                    result.Append(next);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>Slashy strings only escape the slash; other backslashes stay, as regular expressions need.</summary>
    public static string UnescapeSlashy(string text) => text.Replace("\\/", "/", StringComparison.Ordinal);

    /// <summary>Dollar-slashy strings escape with a dollar: $$ is $, $/ is /.</summary>
    public static string UnescapeDollarSlashy(string text) =>
        text.Replace("$$", "$", StringComparison.Ordinal).Replace("$/", "/", StringComparison.Ordinal);
}
