using System.Globalization;
using System.Text;

namespace ContainerCd.Conformance.Tests.RunCases;

/// <summary>
/// Every <c>kind: run</c> case of the corpus through the engine: the builds of one job in order, each
/// checked for Jenkins' result and log lines. Prints pass counts by need and the unsupported cases with
/// their reasons, writes the same summary under the test output, and holds the bar: at least 90% of the
/// setup-free cases and 70% of all run cases pass.
/// </summary>
public class RunCaseTests
{
    [Fact]
    public async Task RunCases_MatchJenkins_AboveTheBar()
    {
        Assert.SkipUnless(Corpus.IsPresent, Corpus.AbsentMessage);
        var cancellationToken = TestContext.Current.CancellationToken;
        var runCases = Corpus.Cases.Where(c => c.IsRun).ToList();
        // CONTAINERCD_CASES=text runs only the cases whose id contains it (to look at logs; the bar is then not checked).
        var only = Environment.GetEnvironmentVariable("CONTAINERCD_CASES");
        if (!string.IsNullOrEmpty(only))
        {
            var filtered = runCases.Where(c => c.Id.Contains(only, StringComparison.Ordinal)).ToList();
            var jobsOnly = filtered.Select(c => c.Job).Where(j => j is not null).ToHashSet();
            runCases = runCases.Where(c => filtered.Contains(c) || (c.Job is not null && jobsOnly.Contains(c.Job))).ToList();
        }

        var unsupported = runCases.Select(c => (Case: c, Reason: RunCaseRunner.Unsupported(c))).Where(x => x.Reason is not null).ToList();
        var jobs = runCases.GroupBy(c => c.Job ?? c.Id).Select(g => g.OrderBy(c => c.Build ?? 1).ToList()).ToList();
        var root = Path.Combine(Path.GetTempPath(), "ccd-conformance-" + Guid.NewGuid().ToString("N")[..8]);
        var outcomes = new List<CaseOutcome>();
        try
        {
            using var gate = new SemaphoreSlim(4);
            var tasks = jobs.Select(async (builds, index) =>
            {
                if (builds.All(b => RunCaseRunner.Unsupported(b) is not null))
                {
                    return new List<CaseOutcome>();
                }

                await gate.WaitAsync(cancellationToken);
                try
                {
                    return await RunCaseRunner.RunJobAsync(builds, Path.Combine(root, index.ToString(CultureInfo.InvariantCulture)), cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            foreach (var result in await Task.WhenAll(tasks))
            {
                outcomes.AddRange(result.Where(o => RunCaseRunner.Unsupported(o.Case) is null));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException)
            {
            }
        }

        var summary = Summarize(runCases, outcomes, unsupported);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "conformance-run-summary.md"), summary, cancellationToken);
        if (RepositoryRoot() is { } repository)
        {
            var summaries = Path.Combine(repository, "artifacts", "test-summaries");
            Directory.CreateDirectory(summaries);
            await File.WriteAllTextAsync(Path.Combine(summaries, "conformance-run.md"), summary, cancellationToken);
        }

        if (!string.IsNullOrEmpty(only))
        {
            foreach (var outcome in outcomes.Where(o => !o.Passed))
            {
                await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "conformance-failing-logs.txt"), $"===== {outcome.Case.Id}: {outcome.Problems}\n{outcome.Log}\n", cancellationToken);
            }

            return;
        }

        var setupFree = runCases.Where(c => c.Setup is null).ToList();
        var setupFreePassed = outcomes.Count(o => o.Passed && o.Case.Setup is null);
        var allPassed = outcomes.Count(o => o.Passed);
        Assert.True(setupFreePassed >= Math.Ceiling(setupFree.Count * 0.9), $"setup-free run cases: {setupFreePassed}/{setupFree.Count} pass, the bar is 90%\n{summary}");
        Assert.True(allPassed >= Math.Ceiling(runCases.Count * 0.7), $"run cases: {allPassed}/{runCases.Count} pass, the bar is 70%\n{summary}");
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string Summarize(List<ConformanceCase> runCases, List<CaseOutcome> outcomes, List<(ConformanceCase Case, string? Reason)> unsupported)
    {
        var text = new StringBuilder();
        var setupFree = runCases.Count(c => c.Setup is null);
        text.AppendLine(CultureInfo.InvariantCulture, $"# Conformance: run cases");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"All run cases: {outcomes.Count(o => o.Passed)}/{runCases.Count} pass ({unsupported.Count} unsupported).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Setup-free run cases: {outcomes.Count(o => o.Passed && o.Case.Setup is null)}/{setupFree} pass.");
        text.AppendLine();
        text.AppendLine("| need | pass | run | unsupported | total |");
        text.AppendLine("|---|---|---|---|---|");
        var needs = runCases.SelectMany(c => c.Needs.Length == 0 ? ["(none)"] : c.Needs).Distinct().Order(StringComparer.Ordinal);
        foreach (var need in needs)
        {
            bool Has(ConformanceCase c) => need == "(none)" ? c.Needs.Length == 0 : c.Needs.Contains(need);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {need} | {outcomes.Count(o => o.Passed && Has(o.Case))} | {outcomes.Count(o => Has(o.Case))} | {unsupported.Count(u => Has(u.Case))} | {runCases.Count(Has)} |");
        }

        text.AppendLine();
        text.AppendLine("## Unsupported");
        foreach (var (testCase, reason) in unsupported)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {testCase.Id}: {reason}");
        }

        text.AppendLine();
        text.AppendLine("## Failing");
        foreach (var outcome in outcomes.Where(o => !o.Passed).OrderBy(o => o.Case.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {outcome.Case.Id}: {outcome.Problems}");
        }

        return text.ToString();
    }
}
