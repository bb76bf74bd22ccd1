using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Conformance.Tests.RunCases;

/// <summary>Runs the builds of one job in order (shared history and home) and checks each against its case.</summary>
internal static class RunCaseRunner
{
    /// <summary>Needs that the runtime does not support, with the reason listed in the report.</summary>
    public static string? Unsupported(ConformanceCase testCase)
    {
        foreach (var need in testCase.Needs)
        {
            if (need.StartsWith("test-extension:", StringComparison.Ordinal))
            {
                return "depends on a @TestExtension from the plugin's test sources (" + need["test-extension:".Length..] + ")";
            }

            switch (need)
            {
                case "jenkins-internal":
                    return "outcome is an artefact of the JVM implementation (script splitting)";
                case "sandbox":
                    return "expects a Groovy sandbox (script-security) rejection";
            }
        }

        if (testCase.Setup is { } setup && setup.TryGetProperty("globalConditionals", out _))
        {
            return "test-only global stage conditionals";
        }

        return null;
    }

    public static async Task<List<CaseOutcome>> RunJobAsync(IReadOnlyList<ConformanceCase> builds, string work, CancellationToken cancellationToken)
    {
        var history = new InMemoryBuildHistory();
        var home = Path.Combine(work, "home");
        var parametersByBuild = new Dictionary<int, ImmutableDictionary<string, string>>();
        var outcomes = new List<CaseOutcome>();
        var number = 0;
        foreach (var testCase in builds)
        {
            number++;
            var setup = new RunCaseSetup(testCase, work);
            var jenkinsfile = Corpus.ReadPipeline(testCase);
            var repository = setup.Repository(jenkinsfile, Path.Combine(work, "repo"));
            var parameters = setup.Parameters();
            if (setup.RestartFromBuild is { } from && parametersByBuild.TryGetValue(from, out var previous) && parameters.IsEmpty)
            {
                parameters = previous;
            }

            parametersByBuild[number] = parameters;
            var observer = new RecordingObserver();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            var request = new BuildRequest
            {
                Jenkinsfile = new SourceText("Jenkinsfile", repository is null ? jenkinsfile : File.ReadAllText(Path.Combine(repository, "Jenkinsfile"))),
                Job = "test0",
                Home = home,
                History = history,
                Config = setup.Config(),
                Parameters = parameters,
                Environment = setup.Environment(),
                Cause = setup.Cause(),
                Inputs = setup.Inputs(),
                SourceDirectory = repository,
                RestartFromStage = setup.RestartStage,
                RestartFromBuild = setup.RestartFromBuild,
            };
            BuildOutcome outcome;
            try
            {
                outcome = await PipelineEngine.RunAsync(request, observer, timeout.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcomes.Add(new CaseOutcome(testCase, false, "the engine threw: " + e, observer.Log));
                continue;
            }

            outcomes.Add(Check(testCase, outcome.Result, observer.Log));
        }

        return outcomes;
    }

    private static CaseOutcome Check(ConformanceCase testCase, BuildResult result, string log)
    {
        var problems = new List<string>();
        if (testCase.Result is { } expected && result.ToJenkinsName() != expected)
        {
            problems.Add($"result {result.ToJenkinsName()}, expected {expected}");
        }

        problems.AddRange(testCase.LogContains.Where(s => !log.Contains(s, StringComparison.Ordinal)).Select(s => $"log lacks \"{s}\""));
        problems.AddRange(testCase.LogNotContains.Where(s => log.Contains(s, StringComparison.Ordinal)).Select(s => $"log has \"{s}\""));
        var position = 0;
        foreach (var text in testCase.LogContainsInOrder)
        {
            var found = log.IndexOf(text, position, StringComparison.Ordinal);
            if (found < 0)
            {
                problems.Add($"log lacks \"{text}\" in order");
                break;
            }

            position = found + text.Length;
        }

        problems.AddRange(testCase.LogMatches.Where(p => !Regex.IsMatch(log, p, RegexOptions.None, TimeSpan.FromSeconds(5))).Select(p => $"log does not match /{p}/"));
        return new CaseOutcome(testCase, problems.Count == 0, string.Join("; ", problems), log);
    }
}

/// <summary>How one case went: passed, or why not, with the log.</summary>
internal sealed record CaseOutcome(ConformanceCase Case, bool Passed, string Problems, string Log);
