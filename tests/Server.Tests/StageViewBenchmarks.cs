using System.Diagnostics;
using System.Globalization;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The job page's Stage View with 100 builds × 30 stages (BENCHMARKS.md): it measures and reports, never asserts a
/// speed. Runs only with CONTAINERCD_BENCH=1 (bench/server.sh); writes artifacts/bench/stageview.md.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StageViewBenchmarks(ITestOutputHelper output)
{
    private const int Builds = 100;

    /// <summary>When the page shows at least N rows: the page's clock (navigation start = 0), checked in every animation frame.</summary>
    private const string RowsShown =
        "n => { if (document.querySelectorAll('[data-testid=stageview] tr.sv-row').length >= n) { window.__svAt = window.__svAt || performance.now(); return true; } return false; }";

    [Fact]
    public async Task Chromium_JobPage_100BuildsBy30Stages()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CONTAINERCD_BENCH") == "1", "benchmark: run bench/server.sh (CONTAINERCD_BENCH=1)");

        // 100 finished builds, each of 30 stages: 20 top-level stages, two of them with 5 parallel branches.
        await using var server = await TestServer.StartAsync(jobs: ["wide", "empty"]);
        server.Executor.Add("wide", WideBuildAsync);
        for (var i = 0; i < Builds; i++)
        {
            await server.TriggerAsync("wide");
        }

        await server.WaitFinishedAsync("wide", Builds, timeoutSeconds: 600);
        var api = Stopwatch.StartNew();
        var page100 = await server.Http.GetStringAsync("api/jobs/wide/stageview?limit=100");
        var apiMs = api.Elapsed.TotalMilliseconds;
        api.Restart();
        await server.Http.GetStringAsync("api/jobs/wide/stageview?limit=10");
        var api10Ms = api.Elapsed.TotalMilliseconds;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var opens = new List<double>();
        var empties = new List<double>();
        var allRows = new List<double>();
        var unfolds = new List<double>();
        for (var load = 0; load < 5; load++)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await page.GotoAsync($"{server.BaseUrl}/job/wide/");
            await page.WaitForFunctionAsync(RowsShown, 10, new() { Timeout = 30_000 });
            opens.Add(await page.EvaluateAsync<double>("() => window.__svAt"));

            // The same page of a job without builds: what opening the page costs without the table.
            var empty = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await empty.GotoAsync($"{server.BaseUrl}/job/empty/");
            await empty.WaitForFunctionAsync(
                "() => { if (document.querySelector('[data-testid=stageview-empty]')) { window.__svAt = window.__svAt || performance.now(); return true; } return false; }",
                null, new() { Timeout = 30_000 });
            empties.Add(await empty.EvaluateAsync<double>("() => window.__svAt"));
            await empty.CloseAsync();

            // "More builds" until all 100 show, then unfold both parallel stages: 100 rows × 30 columns. Timed in
            // the page: from the click to the first frame showing the new rows; the unfolding's re-render, forced
            // layout included, is synchronous.
            double more = 0;
            for (var shown = 10; shown < Builds; shown += 10)
            {
                await page.EvaluateAsync("() => { window.__svMore = undefined; window.__svClick = performance.now(); document.querySelector('button.sv-more').click(); }");
                await page.WaitForFunctionAsync(RowsShown.Replace("__svAt", "__svMore", StringComparison.Ordinal), shown + 10, new() { Timeout = 30_000 });
                more += await page.EvaluateAsync<double>("() => window.__svMore - window.__svClick");
            }

            allRows.Add(more);
            unfolds.Add(await page.EvaluateAsync<double>(
                """
                () => {
                  const t = performance.now();
                  document.querySelector("th[data-column='S05'] button.sv-fold").click();
                  document.querySelector("th[data-column='S15'] button.sv-fold").click();
                  void document.body.offsetHeight;
                  return performance.now() - t;
                }
                """));
            Assert.Equal(30, await page.Locator("[data-testid=stageview] tr.sv-row:last-child td").CountAsync());
            if (load == 0)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("stageview-100x30.png") });
            }

            await page.CloseAsync();
        }

        Report(
            $"- job page Stage View, {Builds} builds × 30 stages (20 top-level, two with 5 parallel branches), headless Chromium 1280x800: " +
            $"navigation start to the first frame showing the last 10 builds: **{Join(opens)} ms** (the same page of a job without builds: {Join(empties)} ms); " +
            $"then 9 clicks on \"More builds\" until all 100 rows show (click to the frame with the new rows, summed): {Join(allRows)} ms; " +
            $"unfolding both parallel stages with 100 rows shown (two full re-renders, 3,000 cells, layout included): {Join(unfolds)} ms. " +
            $"GET api/jobs/wide/stageview?limit=100 ({page100.Length / 1024} KiB): {apiMs:F0} ms, limit=10: {api10Ms:F0} ms (first requests, warm server); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static async Task WideBuildAsync(ScriptedBuild b)
    {
        for (var i = 1; i <= 20; i++)
        {
            var name = "S" + i.ToString("00", CultureInfo.InvariantCulture);
            if (i is 5 or 15)
            {
                await b.StageAsync(name, id => b.ParallelAsync(id, [name], [.. Enumerable.Range(1, 5).Select(n => ($"branch{n}", (Func<string, Task>)(branch => b.DelayAsync(2))))]));
            }
            else
            {
                await b.StageAsync(name, id => b.DelayAsync(1));
            }
        }
    }

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private void Report(string line)
    {
        output.WriteLine(line);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "bench");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "stageview.md"), line + "\n");
                return;
            }
        }
    }
}
