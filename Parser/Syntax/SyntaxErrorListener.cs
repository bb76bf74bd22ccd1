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

    private readonly List<Diagnostic> _diagnostics;

    public SyntaxErrorListener(List<Diagnostic> diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public int Count { get; private set; }

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
