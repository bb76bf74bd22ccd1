using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Syntax;
using ContainerCd.Parser.Tests.Golden;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>
/// Input with a syntax error is parsed once where that gives the errors a second, LL pass from the start would
/// (issue 10, item 13: 1 MB of stages with an error at the end used to be parsed twice), and its errors and
/// AST are exactly those of that reference.
/// </summary>
public class ErrorReportingPassTests
{
    private const int Mutants = 12;

    public static TheoryData<string, string, string> ErrorsAtTheEnd() => new()
    {
        // No SLL conflict: LL would decide as SLL did everywhere.
        { "stages, unclosed", Stages(600) + " }\n}\n", Stages(600) },
        { "stages, then a stray parenthesis", Stages(600) + " }\n}\n", Stages(600) + " }\n}\n)\n" },
        { "stages, a stray brace in the last one", Stages(600) + " }\n}\n", Stages(600).Replace("echo 'done 599'", "echo 'done 599' }", StringComparison.Ordinal) + " }\n}\n" },
        // A `{` after a closure is another closure or a block: SLL conflicts that LL settles as SLL does.
        { "closures in a row, the last unclosed", Closures(3000) + "}\n", Closures(3000) },
        // More such conflicts than an LL pass's full-context budget: it would go on in SLL mode before the error.
        { "if/else blocks, then a stray parenthesis", IfElse(1000), IfElse(1000) + ")\n" },
    };

    [Theory]
    [MemberData(nameof(ErrorsAtTheEnd))]
    public void Parse_ErrorAtTheEnd_ReadsTheInputOnceAndReportsWhatAReparseWould(string name, string valid, string text)
    {
        // Given: the input without its error
        var validWork = new ParseWork();
        var validDiagnostics = new List<Diagnostic>();
        GroovySyntax.Parse(new SourceText(name, valid), validDiagnostics, validWork, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(validDiagnostics, d => d.IsError);

        // When
        var work = new ParseWork();
        var diagnostics = new List<Diagnostic>();
        var script = GroovySyntax.Parse(new SourceText(name, text), diagnostics, work, TestContext.Current.CancellationToken);

        // Then: about the reads of the valid input (LL's lookahead aside), not twice them; and the errors of a reparse
        Assert.False(work.SecondPass);
        Assert.True(work.TokenReads < validWork.TokenReads * 3 / 2, $"{name}: {work.TokenReads} token reads, the valid input {validWork.TokenReads}");
        var reference = new List<Diagnostic>();
        var reparsed = GroovySyntax.ParseReparsingAtFirstError(new SourceText(name, text), reference, TestContext.Current.CancellationToken);
        Assert.Contains(diagnostics, d => d.IsError);
        Assert.Equal(Print(reference), Print(diagnostics));
        Assert.Equal(Dump(reparsed, text), Dump(script, text));
    }

    [Fact]
    public void Parse_UnclosedStages_ReportsTheEndOfFile()
    {
        var text = Stages(600);
        var diagnostics = new List<Diagnostic>();

        GroovySyntax.Parse(new SourceText("Jenkinsfile", text), diagnostics, cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(diagnostics);
        Assert.Equal("Unexpected end of file: a bracket, block or string is not closed", error.Message);
        Assert.Equal(text.Length, error.Span.Start);
    }

    [Fact]
    public void Parse_StrayParenthesisAfterStages_ReportsIt()
    {
        var text = Stages(600) + " }\n}\n)\n";
        var diagnostics = new List<Diagnostic>();

        GroovySyntax.Parse(new SourceText("Jenkinsfile", text), diagnostics, cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(diagnostics);
        Assert.Equal("Unexpected token ')'", error.Message);
        Assert.Equal(text.Length - 2, error.Span.Start);
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "tests", "Parser.Tests", "TestData"), "Jenkinsfile", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "examples"), "Jenkinsfile", SearchOption.AllDirectories))
            .Append(Path.Combine(RepositoryRoot(), "bench", "data", "Jenkinsfile.300"))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot(), file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_MutantsOfRealFiles_ReportWhatAReparseFromTheStartWould(string file)
    {
        // Given: the file and mutants of it (brackets, quotes, keywords, lines and ranges cut or added)
        var original = File.ReadAllText(Path.Combine(RepositoryRoot(), file)).ReplaceLineEndings("\n");
        var random = new Random(original.Length);
        for (var i = 0; i <= Mutants; i++)
        {
            var text = i == 0 ? original : Mutate(original, random);

            // When
            var diagnostics = new List<Diagnostic>();
            var script = GroovySyntax.ParseInOnePass(new SourceText(file, text), diagnostics, cancellationToken: TestContext.Current.CancellationToken);
            var reference = new List<Diagnostic>();
            var reparsed = GroovySyntax.ParseReparsingAtFirstError(new SourceText(file, text), reference, TestContext.Current.CancellationToken);

            // Then
            Assert.True(Print(reference) == Print(diagnostics), $"{file}, mutant {i}:\n{text}\nexpected:\n{Print(reference)}\nactual:\n{Print(diagnostics)}");
            Assert.True(Dump(reparsed, text) == Dump(script, text), $"{file}, mutant {i}: the ASTs differ");
        }
    }

    private static string Stages(int count)
    {
        var text = new StringBuilder("pipeline {\n agent any\n stages {\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  stage('s{i}') {{\n   steps {{\n    sh \"make t{i} ${{env.X}}\"\n    echo 'done {i}'\n   }}\n  }}\n");
        }

        return text.ToString();
    }

    private static string Closures(int count) =>
        "node " + string.Concat(Enumerable.Repeat("{ echo 'x' } ", count)) + "{\n";

    private static string IfElse(int count) =>
        string.Concat(Enumerable.Repeat("if (a.b('c')) { echo \"d ${e}\" } else { echo 'f' }\n", count));

    private static string Mutate(string text, Random random)
    {
        string[] insertions = ["{", "}", "(", ")", "[", "]", "'", "\"", "$", ";", "\n", ":", ",", ".", " else ", " def ", " -> ", " ? ", "sh ", " stage('x') ", "${"];
        for (var edits = random.Next(1, 3); edits > 0 && text.Length > 1; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text = text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at));
                    break;
                case 1:
                    text = text.Insert(at, insertions[random.Next(insertions.Length)]);
                    break;
                case 2:
                    var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                    var lineEnd = text.IndexOf('\n', at);
                    text = text.Remove(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
                    break;
                case 3:
                    text = text.Insert(random.Next(text.Length), text.Substring(at, Math.Min(random.Next(1, 60), text.Length - at)));
                    break;
                default:
                    var bracket = text.IndexOfAny(['{', '}', '(', ')', '\''], at);
                    text = bracket < 0 ? text : text.Remove(bracket, 1);
                    break;
            }
        }

        return text;
    }

    private static string Print(List<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Distinct().OrderBy(d => d.Span.Start).ThenBy(d => d.Message, StringComparer.Ordinal)
            .Select(d => $"{d.Code} {d.Span.Start}+{d.Span.Length} {d.Message}"));

    private static string Dump(Ast.Script.ScriptNode? script, string text) =>
        script is null ? "(none)" : AstDumper.Dump(script, new SourceText("Jenkinsfile", text));

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
