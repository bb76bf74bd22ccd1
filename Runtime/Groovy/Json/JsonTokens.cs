using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Groovy.Json;

/// <summary>
/// The tokens of a JSON payload as Groovy's JsonLexer gives them to prettyPrint: punctuation
/// (<c>{ } [ ] , :</c>), strings (kind <c>"</c>, text unescaped) and other literals (kind <c>\0</c>, text as written).
/// </summary>
internal static class JsonTokens
{
    public static IEnumerable<(char Kind, string Text)> Read(string payload)
    {
        var i = 0;
        while (i < payload.Length)
        {
            var c = payload[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or ':')
            {
                i++;
                yield return (c, c.ToString());
            }
            else if (c == '"')
            {
                var (text, end) = ReadString(payload, i);
                i = end;
                yield return ('"', text);
            }
            else
            {
                var start = i;
                while (i < payload.Length && !char.IsWhiteSpace(payload[i]) && payload[i] is not ('{' or '}' or '[' or ']' or ',' or ':' or '"'))
                {
                    i++;
                }

                yield return ('\0', payload[start..i]);
            }
        }
    }

    private static (string Text, int End) ReadString(string payload, int start)
    {
        var text = new StringBuilder();
        for (var i = start + 1; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c == '"')
            {
                return (text.ToString(), i + 1);
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (++i >= payload.Length)
            {
                break;
            }

            switch (payload[i])
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'u' when i + 4 < payload.Length && int.TryParse(payload.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append(payload[i]); break;
            }
        }

        throw GroovyException.Create(JsonSlurperValue.JsonExceptionClass, "Unterminated string in the JSON payload, starting at character " + (start + 1).ToString(CultureInfo.InvariantCulture));
    }
}
