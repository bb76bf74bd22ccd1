using Antlr4.Runtime;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Grammar;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// Turns ANTLR's syntax errors into diagnostics worded for people ("Unexpected token '}'") and
/// stops the parse after <see cref="MaxErrors"/> of them, so that garbage input ends quickly.
/// </summary>
internal sealed class SyntaxErrorListener : BaseErrorListener
{
    public const int MaxErrors = 25;

    /// <summary>
    /// Full-context predictions allowed per pass: a floor plus one per 1,000 tokens. Each one simulates the
    /// grammar with the whole rule stack, uncached, and may look far ahead (a block read as a closure, to
    /// its end, and again for each block nested in it); real files with errors need a handful.
    /// </summary>
    public const int FullContextBudget = 200;

    private readonly List<Diagnostic> _diagnostics;
    private readonly int _fullContextBudget;
    private int _earlierFullContextPredictions;

    public SyntaxErrorListener(List<Diagnostic> diagnostics, int tokenCount)
    {
        _diagnostics = diagnostics;
        _fullContextBudget = FullContextBudgetFor(tokenCount);
    }

    public int Count { get; private set; }

    /// <summary>Full-context predictions allowed for an input of <paramref name="tokenCount"/> tokens.</summary>
    public static int FullContextBudgetFor(int tokenCount) => FullContextBudget + (tokenCount / 1000);

    /// <summary>Counts full-context predictions made before this listener heard of the pass (see <see cref="SllConflictChecker"/>).</summary>
    public void CountEarlier(int fullContextPredictions) => _earlierFullContextPredictions = fullContextPredictions;

    /// <summary>Full-context (LL) predictions attempted so far (those counted as earlier aside).</summary>
    public int FullContextPredictions { get; private set; }

    public override void ReportAttemptingFullContext(Antlr4.Runtime.Parser recognizer, Antlr4.Runtime.Dfa.DFA dfa, int startIndex, int stopIndex,
        Antlr4.Runtime.Sharpen.BitSet conflictingAlts, Antlr4.Runtime.Atn.ATNConfigSet configs)
    {
        if (++FullContextPredictions + _earlierFullContextPredictions > _fullContextBudget)
        {
            if (recognizer is JenkinsfileParserBase parser)
            {
                parser.ParseAbandoned = true;
            }

            throw new FullContextBudgetException();
        }
    }

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e)
    {
        Count++;
        if (Count > MaxErrors)
        {
            if (recognizer is JenkinsfileParserBase parser)
            {
                parser.ParseAbandoned = true;
            }

            throw new TooManySyntaxErrorsException();
        }

        var span = offendingSymbol is null
            ? new SourceSpan(0, 0)
            : new SourceSpan(Math.Max(0, offendingSymbol.StartIndex), Math.Max(0, offendingSymbol.StopIndex - offendingSymbol.StartIndex + 1));
        _diagnostics.Add(DiagnosticCatalog.SyntaxError(span, Describe(offendingSymbol, msg)));
    }

    private static string Describe(IToken? token, string antlrMessage)
    {
        if (token is null || token.Type == TokenConstants.EOF)
        {
            return "Unexpected end of file: a bracket, block or string is not closed";
        }

        var text = token.Type == JenkinsfileLexer.NL ? "newline" : $"'{Shorten(token.Text)}'";
        var expecting = ExpectedToken(antlrMessage);
        return expecting is null ? $"Unexpected token {text}" : $"Unexpected token {text}, expecting {expecting}";
    }

    /// <summary>Keeps ANTLR's "expecting X" only when it names a single token.</summary>
    private static string? ExpectedToken(string antlrMessage)
    {
        const string marker = "expecting ";
        var index = antlrMessage.LastIndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var expected = antlrMessage[(index + marker.Length)..];
        return expected.StartsWith('{') ? null : expected;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

internal sealed class TooManySyntaxErrorsException : Exception
{
    public TooManySyntaxErrorsException()
        : base("Too many syntax errors")
    {
    }
}

/// <summary>The error-reporting pass asked for more full-context predictions than its budget.</summary>
internal sealed class FullContextBudgetException : Exception
{
    public FullContextBudgetException()
        : base("Too many full-context predictions")
    {
    }
}
