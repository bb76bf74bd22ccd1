namespace ContainerCd.Runtime.Docker.Args;

/// <summary>
/// Splits an argument string the way a POSIX shell would for a simple command: whitespace separates
/// words, single quotes keep everything literal, double quotes allow <c>\"</c>, <c>\\</c>, <c>\$</c>
/// and <c>\`</c>, and a backslash outside quotes escapes the next character. No expansion happens:
/// Jenkinsfiles hand these strings to <c>docker run</c> after Groovy has interpolated them.
/// </summary>
internal static class CommandLineTokenizer
{
    public static IReadOnlyList<string> Split(string? text, out string? error)
    {
        error = null;
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var current = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    inWord = true;
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = $"unterminated single quote at column {i + 1}";
                        return words;
                    }

                    current.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        current.Append(text[i]);
                        i++;
                    }

                    if (i >= text.Length)
                    {
                        error = "unterminated double quote";
                        return words;
                    }

                    break;
                case '\\':
                    inWord = true;
                    if (i + 1 < text.Length)
                    {
                        i++;
                        if (text[i] != '\n')
                        {
                            current.Append(text[i]);
                        }
                    }

                    break;
                default:
                    inWord = true;
                    current.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
