using System.Diagnostics;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Storing test cases (BENCHMARKS.md, "Test reports"): the server's store writing the <c>TestReport</c> events of
/// 100,000-case builds (100 events of 1000 cases, 1 in 100 failing with a stack trace) into a real SQLite file, as its
/// writer does while the build runs, then the trend and the totals read back. It measures and reports, never asserts a
/// speed; it runs only with CONTAINERCD_BENCH=1 (bench/tests.sh) and writes artifacts/bench/test-store.md.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TestStoreBenchmarks(ITestOutputHelper output)
{
    private const int Builds = 5;
    private const int Batches = 100;
    private const int BatchSize = 1000;

    [Fact]
    public void Store_FiveBuildsOf100000Cases_WriteTimeThenTrendAndTotals()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CONTAINERCD_BENCH") == "1", "benchmark: run bench/tests.sh (CONTAINERCD_BENCH=1)");
        var home = Support.TestServer.NewHome();
        var lines = new List<string> { $"load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}" };
        using (var store = new BuildStore(new BuildPaths(home).Database))
        {
            for (var number = 1; number <= Builds; number++)
            {
                var reports = Enumerable.Range(0, Batches).Select(batch => Report(number, batch)).ToList();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                foreach (var report in reports)
                {
                    store.Apply("big", number, report);
                }

                lines.Add($"build {number}: stored {Batches * BatchSize:N0} cases in **{clock.ElapsedMilliseconds} ms** ({Batches} events), " +
                    $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms of CPU");
            }

            foreach (var (what, read) in new (string, Func<object>)[]
            {
                ($"test trend of the last 30 builds ({Builds} with 100,000 cases)", () => store.GetTestTrend("big", 30)),
                ("totals of the last build (Tests tab, build page, TestResultAction)", () => store.GetTestCounts("big", Builds)!),
            })
            {
                var times = new List<long>();
                for (var run = 0; run < 5; run++)
                {
                    var clock = Stopwatch.StartNew();
                    read();
                    times.Add(clock.ElapsedMilliseconds);
                }

                lines.Add($"{what}: {string.Join(", ", times)} ms (5 runs)");
            }
        }

        lines.Add($"database: {new FileInfo(new BuildPaths(home).Database).Length / 1024 / 1024} MiB; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        File.WriteAllLines(Path.Combine(Artifacts(), "test-store.md"), lines.Select(l => "- " + l));
        Directory.Delete(home, recursive: true);
    }

    /// <summary>One event of 1000 cases in suites of 100, as junit publishes them; case i of every build has the same name.</summary>
    private static TestReportDto Report(int number, int batch)
    {
        var cases = new List<TestCaseDto>(BatchSize);
        for (var i = 0; i < BatchSize; i++)
        {
            var index = (batch * BatchSize) + i;
            var failed = index % 100 == 7;
            cases.Add(new TestCaseDto(
                $"com.example.Suite{index / 100}", $"com.example.Suite{index / 100}", $"test{index % 100}", failed ? "FAILED" : "PASSED", index % 50,
                failed ? $"expected:<{index}> but was:<{index + 1}>" : null,
                failed ? string.Concat(Enumerable.Repeat($"\tat com.example.Suite{index / 100}.test{index % 100}(Suite.java:{index % 300})\n", 12)) : null));
        }

        return new TestReportDto($"big/{number}", (batch * 2) + 10, DateTimeOffset.UnixEpoch, "stage-1", BatchSize, BatchSize / 100, 0, cases);
    }

    private static string Artifacts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "bench");
                Directory.CreateDirectory(folder);
                return folder;
            }
        }

        throw new InvalidOperationException("no repository root above " + AppContext.BaseDirectory);
    }
}
