namespace ContainerCd.Parser.Cron;

/// <summary>The tokens of Jenkins' CrontabLexer, in its token-type order (which is the order ANTLR lists expected tokens in).</summary>
internal enum CronTokenKind
{
    Eof,
    Number,
    Whitespace,
    Minus,
    Star,
    Div,
    Or,
    At,
    H,
    LeftParen,
    RightParen,
    Yearly,
    Annually,
    Monthly,
    Weekly,
    Daily,
    Midnight,
    Hourly,

    /// <summary>Where the lexer found a character no token starts with (Jenkins: <c>token recognition error at: 'x'</c>).</summary>
    Error,
}

/// <summary>A token of one crontab line: its kind, text and column (0-based, as ANTLR reports it).</summary>
internal readonly record struct CronToken(CronTokenKind Kind, string Text, int Column)
{
    /// <summary>How ANTLR names a token type in "expecting ..." (a literal's quoted text, else the rule name).</summary>
    public static string DisplayName(CronTokenKind kind) => kind switch
    {
        CronTokenKind.Eof => "<EOF>",
        CronTokenKind.Number => "TOKEN",
        CronTokenKind.Whitespace => "WS",
        CronTokenKind.Minus => "'-'",
        CronTokenKind.Star => "'*'",
        CronTokenKind.Div => "'/'",
        CronTokenKind.Or => "','",
        CronTokenKind.At => "'@'",
        CronTokenKind.H => "'H'",
        CronTokenKind.LeftParen => "'('",
        CronTokenKind.RightParen => "')'",
        _ => "'" + kind.ToString().ToLowerInvariant() + "'",
    };

    /// <summary>How ANTLR quotes an offending token: its text with tabs and line breaks escaped, or &lt;EOF&gt;.</summary>
    public string Display => Kind == CronTokenKind.Eof
        ? "'<EOF>'"
        : "'" + Text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "'";
}
