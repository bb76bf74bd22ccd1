namespace ContainerCd.Parser.Cron;

/// <summary>
/// Jenkins' CrontabLexer: numbers, spaces and tabs, <c>- * / , @ H ( )</c> and the words after <c>@</c>. The
/// tokens stop at the first character no token starts with, where an <see cref="CronTokenKind.Error"/> token
/// holds the text ANTLR would quote.
/// </summary>
internal static class CronLexer
{
    private static readonly (string Word, CronTokenKind Kind)[] Words =
    [
        ("yearly", CronTokenKind.Yearly),
        ("annually", CronTokenKind.Annually),
        ("monthly", CronTokenKind.Monthly),
        ("weekly", CronTokenKind.Weekly),
        ("daily", CronTokenKind.Daily),
        ("midnight", CronTokenKind.Midnight),
        ("hourly", CronTokenKind.Hourly),
    ];

    public static List<CronToken> Tokenize(string line)
    {
        var tokens = new List<CronToken>();
        var i = 0;
        while (i < line.Length)
        {
            var start = i;
            var c = line[i];
            if (char.IsAsciiDigit(c))
            {
                while (i < line.Length && char.IsAsciiDigit(line[i]))
                {
                    i++;
                }

                tokens.Add(new CronToken(CronTokenKind.Number, line[start..i], start));
                continue;
            }

            if (c is ' ' or '\t')
            {
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                tokens.Add(new CronToken(CronTokenKind.Whitespace, line[start..i], start));
                continue;
            }

            var single = c switch
            {
                '-' => CronTokenKind.Minus,
                '*' => CronTokenKind.Star,
                '/' => CronTokenKind.Div,
                ',' => CronTokenKind.Or,
                '@' => CronTokenKind.At,
                'H' => CronTokenKind.H,
                '(' => CronTokenKind.LeftParen,
                ')' => CronTokenKind.RightParen,
                _ => CronTokenKind.Error,
            };
            if (single != CronTokenKind.Error)
            {
                tokens.Add(new CronToken(single, c.ToString(), start));
                i++;
                continue;
            }

            if (MatchWord(line, start) is { } word)
            {
                tokens.Add(new CronToken(word.Kind, word.Word, start));
                i += word.Word.Length;
                continue;
            }

            tokens.Add(new CronToken(CronTokenKind.Error, ErrorText(line, start), start));
            return tokens;
        }

        tokens.Add(new CronToken(CronTokenKind.Eof, string.Empty, line.Length));
        return tokens;
    }

    private static (string Word, CronTokenKind Kind)? MatchWord(string line, int start)
    {
        foreach (var word in Words)
        {
            if (string.CompareOrdinal(line, start, word.Word, 0, word.Word.Length) == 0)
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>ANTLR quotes what it read of the failed token: the longest prefix of a word, and the character that broke it.</summary>
    private static string ErrorText(string line, int start)
    {
        var longest = 0;
        foreach (var (word, _) in Words)
        {
            var length = 0;
            while (length < word.Length && start + length < line.Length && line[start + length] == word[length])
            {
                length++;
            }

            longest = Math.Max(longest, length);
        }

        return line.Substring(start, Math.Min(longest + 1, line.Length - start));
    }
}
