using System.Globalization;

namespace ContainerCd.Parser.Cron;

/// <summary>
/// Jenkins' CrontabParser for one line, by recursive descent: five fields (<c>expr := term (',' expr)?</c>;
/// <c>term := N | N-N(/N)? | *(/N)? | H(/N)? | H(N-N)(/N)?</c>) or <c>@yearly</c> and its kind. H takes its
/// values from the hash in the order the fields are read. Errors are Jenkins' (<c>line 1:9: 15 is an invalid
/// value. Must be within 1 and 4</c>), positioned as ANTLR positions them: at the token after the term.
/// </summary>
internal sealed class CronLineParser
{
    private readonly List<CronToken> _tokens;
    private readonly int _line;
    private readonly CronHash _hash;
    private readonly SortedSet<CronTokenKind> _expected = [];
    private int _position;

    private CronLineParser(string text, int line, CronHash hash)
    {
        _tokens = CronLexer.Tokenize(text);
        _line = line;
        _hash = hash;
    }

    /// <summary>Parses <paramref name="text"/> (line <paramref name="line"/> of a spec); a bad line throws <see cref="CronSyntaxException"/>.</summary>
    public static CronTab Parse(string text, int line, CronHash hash)
    {
        var parser = new CronLineParser(text, line, hash);
        return parser.StartRule(text);
    }

    private CronToken Peek(int ahead = 0) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private bool At(CronTokenKind kind)
    {
        if (Peek().Kind == kind)
        {
            return true;
        }

        _expected.Add(kind);
        return false;
    }

    private CronToken Consume()
    {
        var token = Peek();
        _expected.Clear();
        _position++;
        return token;
    }

    private CronToken Match(CronTokenKind kind)
    {
        if (Peek().Kind == kind)
        {
            return Consume();
        }

        _expected.Add(kind);
        LexerErrorAt(Peek());
        throw Error(Peek(), Peek(1).Kind == kind
            ? $"extraneous input {Peek().Display} expecting {Expected()}"
            : $"mismatched input {Peek().Display} expecting {Expected()}");
    }

    private CronTab StartRule(string text)
    {
        if (Peek().Kind == CronTokenKind.At)
        {
            Consume();
            var alias = Peek().Kind switch
            {
                CronTokenKind.Yearly or CronTokenKind.Annually => "H H H H *",
                CronTokenKind.Monthly => "H H H * *",
                CronTokenKind.Weekly => "H H * * H",
                CronTokenKind.Daily => "H H * * *",
                CronTokenKind.Midnight => "H H(0-2) * * *",
                CronTokenKind.Hourly => "H * * * *",
                _ => null,
            };
            if (alias is null)
            {
                throw NoViableAlternative();
            }

            // As Jenkins: what follows the word is not read.
            return Parse(alias, 1, _hash);
        }

        if (Peek().Kind is not (CronTokenKind.Number or CronTokenKind.Star or CronTokenKind.H))
        {
            throw NoViableAlternative();
        }

        var bits = new long[5];
        for (var field = 0; field < 5; field++)
        {
            if (field > 0)
            {
                Match(CronTokenKind.Whitespace);
            }

            bits[field] = Expr(field);
        }

        Match(CronTokenKind.Eof);
        return new CronTab(text, bits);
    }

    private long Expr(int field)
    {
        var bits = Term(field);
        if (At(CronTokenKind.Or))
        {
            Consume();
            bits |= Expr(field);
        }

        return bits;
    }

    private long Term(int field)
    {
        switch (Peek().Kind)
        {
            case CronTokenKind.Number when Peek(1).Kind == CronTokenKind.Minus:
            {
                var start = Number();
                Consume();
                var end = Number();
                var step = OptionalStep();
                return Range(start, end, step, field);
            }

            case CronTokenKind.Number:
            {
                var value = Number();
                RangeCheck(value, field);
                return 1L << value;
            }

            case CronTokenKind.Star:
            {
                Consume();
                return Range(CronField.Lower[field], CronField.Upper[field], OptionalStep(), field);
            }

            case CronTokenKind.H when Peek(1).Kind == CronTokenKind.LeftParen:
            {
                Consume();
                Consume();
                var start = Number();
                Match(CronTokenKind.Minus);
                var end = Number();
                Match(CronTokenKind.RightParen);
                return Hash(start, end, OptionalStep(), field);
            }

            case CronTokenKind.H:
            {
                Consume();
                var step = OptionalStep();
                var upper = field switch
                {
                    // Days of the month: [1,28] exists in every month; days of the week: 0 and 7 are both Sunday.
                    CronField.DayOfMonth => 28,
                    CronField.DayOfWeek => 6,
                    _ => CronField.Upper[field],
                };
                return Hash(CronField.Lower[field], upper, step, field);
            }

            default:
                throw NoViableAlternative();
        }
    }

    private int OptionalStep()
    {
        if (!At(CronTokenKind.Div))
        {
            return 1;
        }

        Consume();
        return Number();
    }

    private int Number()
    {
        var token = Match(CronTokenKind.Number);
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            // Java's Integer.parseInt failing outside ANTLR: its message, with no position.
            throw new CronSyntaxException($"For input string: \"{token.Text}\"", token.Column);
        }

        return value;
    }

    private long Range(int start, int end, int step, int field)
    {
        RangeCheck(start, field);
        RangeCheck(end, field);
        if (step <= 0)
        {
            throw Error(Peek(), CronMessages.MustBePositive(step));
        }

        if (start > end)
        {
            throw Error(Peek(), CronMessages.StartEndReversed(end, start));
        }

        long bits = 0;
        for (var i = start; i <= end; i += step)
        {
            bits |= 1L << i;
        }

        return bits;
    }

    private long Hash(int start, int end, int step, int field)
    {
        RangeCheck(start, field);
        RangeCheck(end, field);
        if (step > end - start + 1)
        {
            throw Error(Peek(), CronMessages.OutOfRange(step, 1, end - start + 1));
        }

        if (step > 1)
        {
            long bits = 0;
            for (var i = _hash.Next(step) + start; i <= end; i += step)
            {
                bits |= 1L << i;
            }

            return bits;
        }

        if (step <= 0)
        {
            throw Error(Peek(), CronMessages.MustBePositive(step));
        }

        // H without a step (or /1) picks one value.
        return 1L << (start + _hash.Next(end + 1 - start));
    }

    private void RangeCheck(int value, int field)
    {
        if (value < CronField.Lower[field] || value > CronField.Upper[field])
        {
            throw Error(Peek(), CronMessages.OutOfRange(value, CronField.Lower[field], CronField.Upper[field]));
        }
    }

    private CronSyntaxException NoViableAlternative()
    {
        LexerErrorAt(Peek());
        return Error(Peek(), $"no viable alternative at input {Peek().Display}");
    }

    /// <summary>The lexer reports a character it cannot read as soon as the parser reaches it.</summary>
    private void LexerErrorAt(CronToken token)
    {
        if (token.Kind == CronTokenKind.Error)
        {
            throw Error(token, $"token recognition error at: '{token.Text}'");
        }
    }

    private string Expected() => _expected.Count == 1
        ? CronToken.DisplayName(_expected.Min)
        : "{" + string.Join(", ", _expected.Select(CronToken.DisplayName)) + "}";

    private CronSyntaxException Error(CronToken at, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"line {_line}:{at.Column}: {message}"), at.Column);
}

/// <summary>A line Jenkins would not accept; caught where a spec is parsed (never leaves <see cref="CronSchedule.Parse"/>).</summary>
#pragma warning disable CA1064 // Internal by design: it never leaves the cron parser.
internal sealed class CronSyntaxException(string message, int column) : Exception(message)
#pragma warning restore CA1064
{
    public int Column { get; } = column;
}
