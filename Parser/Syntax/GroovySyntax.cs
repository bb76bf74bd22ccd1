using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Grammar;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// Lexes and parses a Jenkinsfile as Groovy. Any input ends in a result: binary text, runaway
/// nesting and floods of syntax errors become diagnostics, never exceptions or a stack overflow.
/// </summary>
internal static class GroovySyntax
{
    /// <summary>Past this bracket depth the parse runs on a thread with a large stack.</summary>
    private const int InlineDepth = 100;
    private const int LargeStackBytes = 256 * 1024 * 1024;

    /// <summary>
    /// From this many tokens on, input is parsed in one pass (see <see cref="ParseScript"/>); below it, the SLL pass
    /// stops at the first error and the input is parsed again: error recovery's first use of each grammar state
    /// costs a cold process ~10 ms, more than parsing some 30 KB twice.
    /// </summary>
    public const int OnePassMinimumTokens = 10_000;

    /// <summary>Parses; <paramref name="cancellationToken"/> (a caller's deadline) stops it with an <see cref="OperationCanceledException"/>.</summary>
    public static ScriptNode? Parse(SourceText source, List<Diagnostic> diagnostics, ParseWork? work = null, CancellationToken cancellationToken = default) =>
        Parse(source, diagnostics, work, onePass: null, cancellationToken);

    /// <summary>
    /// <see cref="Parse(SourceText, List{Diagnostic}, ParseWork?, CancellationToken)"/>, but input with an error
    /// is parsed again from the start in LL mode, as the parser once always did (and still does below
    /// <see cref="OnePassMinimumTokens"/>): the reference that tests hold the one-pass parse to.
    /// </summary>
    public static ScriptNode? ParseReparsingAtFirstError(SourceText source, List<Diagnostic> diagnostics, CancellationToken cancellationToken = default) =>
        Parse(source, diagnostics, work: null, onePass: false, cancellationToken);

    /// <summary><see cref="Parse(SourceText, List{Diagnostic}, ParseWork?, CancellationToken)"/> in one pass whatever the input's size (for tests).</summary>
    public static ScriptNode? ParseInOnePass(SourceText source, List<Diagnostic> diagnostics, ParseWork? work = null, CancellationToken cancellationToken = default) =>
        Parse(source, diagnostics, work, onePass: true, cancellationToken);

    private static ScriptNode? Parse(SourceText source, List<Diagnostic> diagnostics, ParseWork? work, bool? onePass, CancellationToken cancellationToken)
    {
        if (source.Text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Add(DiagnosticCatalog.NotText(new SourceSpan(source.Text.IndexOf('\0', StringComparison.Ordinal), 1)));
            return null;
        }

        var lexer = new JenkinsfileLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(new LexerErrorListener(diagnostics));
        lexer.OnDiagnostic = (start, length, message) =>
            diagnostics.Add(DiagnosticCatalog.LexicalError(new SourceSpan(start, length), message));
        var tokens = new CountingTokenStream(lexer) { Cancellation = cancellationToken };
        tokens.Fill();
        work ??= new ParseWork();
        work.Tokens = tokens.Size;
        if (lexer.NestingExceeded)
        {
            return null;
        }

        if (lexer.MaxDepth <= InlineDepth)
        {
            return ParseTokens(tokens, source.Text, diagnostics, work, onePass ?? tokens.Size >= OnePassMinimumTokens);
        }

        ScriptNode? result = null;
        OperationCanceledException? canceled = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = ParseTokens(tokens, source.Text, diagnostics, work, onePass ?? tokens.Size >= OnePassMinimumTokens);
            }
            catch (OperationCanceledException exception)
            {
                // Not on the caller's thread: an exception here would end the process.
                canceled = exception;
            }
        }, LargeStackBytes);
        thread.Start();
        thread.Join();
        if (canceled is not null)
        {
            throw new OperationCanceledException(canceled.Message, canceled, canceled.CancellationToken);
        }

        return result;
    }

    private static ScriptNode? ParseTokens(CountingTokenStream tokens, string text, List<Diagnostic> diagnostics, ParseWork work, bool onePass)
    {
        var parser = new JenkinsfileParser(tokens);
        try
        {
            return ParseScript(parser, tokens, text, diagnostics, work, onePass);
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Add(DiagnosticCatalog.NestingTooDeep(new SourceSpan(parser.CurrentToken?.StartIndex ?? 0, 1),
                "The script is nested too deeply to parse"));
            return null;
        }
        finally
        {
            work.TokenReads = tokens.Reads;
        }
    }

    /// <summary>
    /// One pass in the fast SLL mode, recovering from errors. On input with no syntax error that is the whole
    /// parse. At the first error the pass carries on in full LL mode, reporting and recovering, as long as it has
    /// made the decisions an LL pass would have made up to there (see <see cref="SllConflictChecker"/>): the
    /// errors are then those of an LL pass from the start, without parsing the input twice. Otherwise the input
    /// is parsed again from the start in LL mode. An LL pass that keeps needing full-context prediction goes on
    /// in SLL mode (see <see cref="SyntaxErrorListener.FullContextBudget"/>). The AST is built while parsing
    /// (each statement as soon as it is parsed); what the builder reports is kept only from the pass that is kept.
    /// </summary>
    private static ScriptNode? ParseScript(JenkinsfileParser parser, CountingTokenStream tokens, string text, List<Diagnostic> diagnostics, ParseWork work, bool onePass)
    {
        var fullContextOverBudget = false;
        if (!onePass)
        {
            if (ParseWithoutErrors(parser, text, diagnostics) is { } script)
            {
                return script;
            }
        }
        else
        {
            var checker = parser.CheckSllConflicts(SyntaxErrorListener.FullContextBudgetFor(tokens.Size));
            try
            {
                return ParseReportingErrors(parser, tokens, text, diagnostics, work, PredictionMode.SLL, checker);
            }
            catch (FullContextBudgetException)
            {
                fullContextOverBudget = true;
            }
            catch (SllConflictBeforeErrorException)
            {
            }
            finally
            {
                work.FullContextPredictions += checker.Checks;
                checker.StopChecking();
            }
        }

        work.SecondPass = true;
        if (!fullContextOverBudget)
        {
            try
            {
                return ParseReportingErrors(parser, tokens, text, diagnostics, work, PredictionMode.LL);
            }
            catch (FullContextBudgetException)
            {
            }
        }

        // Full-context prediction is what makes the error-reporting pass slow (it cannot be cached): on
        // input that keeps asking for it, report the errors as SLL prediction finds them.
        work.FullContextAbandoned = true;
        return ParseReportingErrors(parser, tokens, text, diagnostics, work, PredictionMode.SLL);
    }

    /// <summary>
    /// The SLL pass that stops at the first error (null then): no error recovery to prepare, which costs a cold
    /// process more than parsing a small file twice (see <see cref="OnePassMinimumTokens"/>).
    /// </summary>
    private static ScriptNode? ParseWithoutErrors(JenkinsfileParser parser, string text, List<Diagnostic> diagnostics)
    {
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        var found = new List<Diagnostic>();
        var builder = new AstBuilder(found, text);
        parser.StatementParsed = builder.OnStatementParsed;
        try
        {
            var script = builder.BuildScript(parser.compilationUnit());
            diagnostics.AddRange(found);
            return script;
        }
        catch (ParseCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// An error-recovering pass from the start: every syntax error reported (up to <see cref="SyntaxErrorListener.MaxErrors"/>).
    /// Given <paramref name="checker"/>, it turns to LL prediction at its first error (or gives up, see <see cref="LlFromFirstError"/>).
    /// </summary>
    private static ScriptNode? ParseReportingErrors(JenkinsfileParser parser, CountingTokenStream tokens, string text, List<Diagnostic> diagnostics, ParseWork work, PredictionMode mode,
        SllConflictChecker? checker = null)
    {
        tokens.Seek(0);
        parser.Reset();
        parser.RemoveErrorListeners();
        parser.ParseAbandoned = false;
        var found = new List<Diagnostic>();
        var builder = new AstBuilder(found, text);
        parser.StatementParsed = builder.OnStatementParsed;
        var reported = new List<Diagnostic>();
        var listener = new SyntaxErrorListener(reported, tokens.Size);
        if (checker is not null)
        {
            parser.AddErrorListener(new LlFromFirstError(checker, listener, work));
        }

        parser.AddErrorListener(listener);
        var recovery = new BoundedErrorStrategy(tokens.Size);
        parser.ErrorHandler = recovery;
        parser.Interpreter.PredictionMode = mode;
        try
        {
            var script = builder.BuildScript(parser.compilationUnit());
            diagnostics.AddRange(reported);
            diagnostics.AddRange(found);
            return script;
        }
        catch (TooManySyntaxErrorsException)
        {
            diagnostics.AddRange(reported);
            diagnostics.Add(DiagnosticCatalog.TooManyErrors(new SourceSpan(parser.CurrentToken?.StartIndex ?? 0, 0), SyntaxErrorListener.MaxErrors));
            return null;
        }
        catch (ParseStoppedException stopped)
        {
            diagnostics.AddRange(reported);
            if (stopped.Why == ParseStoppedException.Reason.RecoveryBudget || listener.Count == 0)
            {
                diagnostics.Add(DiagnosticCatalog.TooManyErrors(new SourceSpan(parser.CurrentToken?.StartIndex ?? 0, 0), listener.Count));
            }

            return null;
        }
        finally
        {
            work.RecoveryLevels += recovery.LevelsWalked;
            work.FullContextPredictions += listener.FullContextPredictions;
        }
    }

    /// <summary>
    /// Hears of an SLL pass's first syntax error before any other listener, and makes the rest of the pass what an
    /// LL pass from the start would do from there: predict in LL mode (its full-context predictions so far counted);
    /// or, had an LL pass given up full-context prediction before this error, go on in SLL mode; or, had LL parsed
    /// otherwise before it, give up with an <see cref="SllConflictBeforeErrorException"/>.
    /// </summary>
    private sealed class LlFromFirstError(SllConflictChecker checker, SyntaxErrorListener listener, ParseWork work) : BaseErrorListener
    {
        private bool _seen;

        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e)
        {
            if (_seen)
            {
                return;
            }

            _seen = true;
            if (!checker.LlAgrees())
            {
                ((JenkinsfileParserBase)recognizer).ParseAbandoned = true;
                throw new SllConflictBeforeErrorException();
            }

            if (checker.OverBudget)
            {
                work.FullContextAbandoned = true;
                return;
            }

            listener.CountEarlier(checker.Conflicts);
            checker.PredictionMode = PredictionMode.LL;
        }
    }

    private sealed class LexerErrorListener(List<Diagnostic> diagnostics) : IAntlrErrorListener<int>
    {
        public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e)
        {
            var start = (recognizer as Lexer)?.TokenStartCharIndex ?? 0;
            diagnostics.Add(DiagnosticCatalog.LexicalError(new SourceSpan(start, 1), msg.Replace("token recognition error at", "Unexpected character at", StringComparison.Ordinal)));
        }
    }
}
