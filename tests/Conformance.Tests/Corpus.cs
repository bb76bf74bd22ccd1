using System.Text.Json;

namespace ContainerCd.Conformance.Tests;

/// <summary>
/// The Jenkins Declarative plugin's own test suite, mined into ../shared/conformance/pmd. It is
/// referenced where it lies, never copied: CI always has it; elsewhere <see cref="IsPresent"/> is
/// false and the conformance tests say the corpus is absent.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> DirectoryPath = new(Locate);
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> AllCases = new(Load);

    public static bool IsPresent => DirectoryPath.Value is not null;

    /// <summary>The absolute path of the corpus folder (…/shared/conformance/pmd).</summary>
    public static string Directory => DirectoryPath.Value ?? throw new InvalidOperationException(AbsentMessage);

    public static string AbsentMessage =>
        "The conformance corpus is absent: expected ../shared/conformance/pmd next to the repository (CI always has it).";

    public static IReadOnlyList<ConformanceCase> Cases => AllCases.Value;

    public static string ReadPipeline(ConformanceCase testCase) => File.ReadAllText(PipelinePath(testCase));

    public static string PipelinePath(ConformanceCase testCase) => Path.Combine(Directory, testCase.File);

    private static List<ConformanceCase> Load()
    {
        if (!IsPresent)
        {
            return [];
        }

        using var stream = File.OpenRead(Path.Combine(Directory, "cases.json"));
        return JsonSerializer.Deserialize<List<ConformanceCase>>(stream) ?? [];
    }

    /// <summary>Walks up from the test binaries to the repository root (ContainerCd.sln), then to ../shared.</summary>
    private static string? Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("CONTAINERCD_CONFORMANCE_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(Path.Combine(overridden, "cases.json")) ? Path.GetFullPath(overridden) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "pmd"));
                return File.Exists(Path.Combine(candidate, "cases.json")) ? candidate : null;
            }
        }

        return null;
    }
}
