using System.Runtime.CompilerServices;
using ContainerCd.Parser.Tests.Golden;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>
/// Golden files: TestData/&lt;area&gt;/&lt;case&gt;/Jenkinsfile with its expected diagnostics (printed under
/// the offending line) and declarative model dump. Set CONTAINERCD_UPDATE_GOLDEN=1 to rewrite them.
/// </summary>
public class GoldenTests
{
    private const string UpdateVariable = "CONTAINERCD_UPDATE_GOLDEN";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestDataRoot(), "Jenkinsfile", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestDataRoot(), Path.GetDirectoryName(file)!).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jenkinsfile_MatchesGoldenDiagnosticsAndModel(string testCase)
    {
        // Given
        var folder = Path.Combine(TestDataRoot(), testCase);
        var source = new SourceText("Jenkinsfile", File.ReadAllText(Path.Combine(folder, "Jenkinsfile")).ReplaceLineEndings("\n"));

        // When
        var result = Jenkinsfile.Parse(source);
        var diagnostics = DiagnosticsPrinter.Print(source, result.Diagnostics);
        var model = result.Pipeline is null ? "(no declarative pipeline)\n" : AstDumper.Dump(result.Pipeline, source);

        // Then
        AssertGolden(Path.Combine(folder, "Jenkinsfile.diagnostics"), diagnostics);
        AssertGolden(Path.Combine(folder, "Jenkinsfile.ast"), model);
    }

    private static void AssertGolden(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with {UpdateVariable}=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string TestDataRoot([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "TestData");
}
