using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Syntax;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>
/// The parser's work stays proportional to its input on any input (issue 13): measured in tokens read
/// (lookahead included, in every pass) and rule-stack levels walked by error recovery, never in time.
/// </summary>
public class ParseWorkTests
{
    /// <summary>Tokens read per token of input; real Jenkinsfiles read about 4.</summary>
    private const int ReadsPerToken = 12;

    public static TheoryData<string, string> Inputs() => new()
    {
        // From the issue: two blocks left open, then a run of semicolons (each decision used to look to its end).
        { "open blocks then semicolons", "a {\ns {\n" + new string(';', 1600) },
        { "closed blocks with semicolons", "a {\ns {\n" + new string(';', 1600) + "\n}\n}\n" },
        { "semicolons and newlines", "a {\ns {\n" + string.Concat(Enumerable.Repeat(";\n", 1600)) },
        // Each if looks past the separators for an else.
        { "nested ifs then semicolons", string.Concat(Enumerable.Repeat("if (a) ", 800)) + "x" + new string(';', 1600) },
        { "nested ifs then newlines", string.Concat(Enumerable.Repeat("if (a) ", 800)) + "x" + new string('\n', 1600) },
        // A ternary may continue an expression after newlines.
        { "expression then newlines", "x = a + b" + new string('\n', 1600) + "?" },
        // Every open block used to recover in turn at the end of the input, each walking the whole rule stack.
        { "unclosed blocks", string.Concat(Enumerable.Repeat("foo {\n", 800)) },
        { "unclosed blocks then a stray parenthesis", string.Concat(Enumerable.Repeat("foo {\n", 800)) + ")\n" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parse_AnyInput_ReadsAtMostAFewTokensPerToken(string name, string text)
    {
        // Given
        var work = new ParseWork();

        // When
        GroovySyntax.Parse(new SourceText(name, text), [], work, TestContext.Current.CancellationToken);

        // Then
        Assert.True(work.TokenReads <= (long)ReadsPerToken * work.Tokens,
            $"{name}: {work.TokenReads} token reads for {work.Tokens} tokens");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parse_AnyInput_RecoveryWalksAtMostAFewLevelsPerToken(string name, string text)
    {
        var work = new ParseWork();

        GroovySyntax.Parse(new SourceText(name, text), [], work, TestContext.Current.CancellationToken);

        Assert.True(work.RecoveryLevels <= 8L * work.Tokens, $"{name}: recovery walked {work.RecoveryLevels} levels for {work.Tokens} tokens");
    }

    [Fact]
    public void Parse_ErrorsAmongManyBlocksThatReadAsClosures_StopsAskingForFullContext()
    {
        // Given: a file with an error, then thousands of if/else blocks (a statement's `{` is a block or a
        // closure: each asks the error-reporting pass for an uncached full-context prediction)
        var text = "@Library'x') _\n" + string.Concat(Enumerable.Repeat("if (a.b('c')) { echo \"d ${e}\" } else { echo 'f' }\n", 5000));
        var work = new ParseWork();
        var diagnostics = new List<Diagnostic>();

        // When
        GroovySyntax.Parse(new SourceText("Jenkinsfile", text), diagnostics, work, TestContext.Current.CancellationToken);

        // Then: at most the budget, and the errors are still reported
        Assert.True(work.FullContextPredictions <= SyntaxErrorListener.FullContextBudget + (work.Tokens / 1000) + 1,
            $"{work.FullContextPredictions} full-context predictions for {work.Tokens} tokens");
        Assert.True(work.FullContextAbandoned);
        Assert.Contains(diagnostics, d => d.IsError && d.Span.Start < 20);
    }

    [Fact]
    public void Parse_SeparatorRuns_AreOneTokenEach()
    {
        // Given: statements separated by long runs of newlines and semicolons
        var text = "a()" + string.Concat(Enumerable.Repeat(";\n\n;", 500)) + "b()\n\n\nc()";
        var work = new ParseWork();

        // When
        var script = GroovySyntax.Parse(new SourceText("Jenkinsfile", text), [], work, TestContext.Current.CancellationToken);

        // Then: a ( ) ; SEP b ( ) SEP c ( ) EOF (after a parenthesis the first semicolon stands alone: it may be an empty body)
        Assert.Equal(13, work.Tokens);
        Assert.Equal(3, script!.Statements.Length);
    }

    [Theory]
    [InlineData("while (next()) ;\nfoo()", 2)]
    [InlineData("while (next())\n;\nfoo()", 2)]
    [InlineData("if (a) ; else foo()\nbar()", 2)]
    [InlineData("if (a) foo(); else ;;\nbar()", 2)]
    [InlineData("for (;;) ;\n;foo()", 2)]
    [InlineData("label: ;\nfoo()", 2)]
    public void Parse_EmptyStatementAsABody_IsParsed(string text, int statements)
    {
        var diagnostics = new List<Diagnostic>();

        var script = GroovySyntax.Parse(new SourceText("Jenkinsfile", text), diagnostics, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
        Assert.Equal(statements, script!.Statements.Length);
    }

    [Fact]
    public void Parse_UnclosedBlocks_ReportsTheEndOfFileOnce()
    {
        var diagnostics = new List<Diagnostic>();

        GroovySyntax.Parse(new SourceText("Jenkinsfile", string.Concat(Enumerable.Repeat("foo {\n", 800))), diagnostics, cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(diagnostics, d => d.IsError && d.Message.StartsWith("Unexpected", StringComparison.Ordinal));
        Assert.True(diagnostics.Count == 1, string.Join("\n", diagnostics.Select(d => $"{d.Code} {d.Span} {d.Message}")));
        Assert.Equal("Unexpected end of file: a bracket, block or string is not closed", error.Message);
    }
    [Theory]
    [InlineData("shallow", 1)]
    [InlineData("deep (parsed on a thread of its own)", 500)]
    public void Parse_CanceledToken_StopsWithOperationCanceled(string name, int depth)
    {
        // Given a caller's deadline that has passed, and ~1 MB of input
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        var text = new string('[', depth) + string.Concat(Enumerable.Repeat("echo 'x'\n", 100_000)) + new string(']', depth);

        // When / Then: the parse stops instead of finishing (and the deep one does not take the process down)
        Assert.Throws<OperationCanceledException>(() => Jenkinsfile.ParseOrCancel(new SourceText(name, text), null, canceled.Token));
    }
}
