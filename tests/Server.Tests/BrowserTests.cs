using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>The web viewer in headless Chromium against a real server running a build.</summary>
public sealed class BrowserTests
{
    private const string XssLine = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> & <b>bold?</b>";

    [Fact]
    public async Task BuildPage_LiveBuild_ShowsStageGraphStreamsLogAndFailedStage_AndLogStaysText()
    {
        // Given a real build (the engine, sh steps on the host) writing a line every 150 ms, one of them an XSS attempt,
        // whose parallel 'unit' stage runs until the test has looked at the page in the middle of the build
        var release = Path.Combine(Path.GetTempPath(), "containercd-browser-" + Guid.NewGuid().ToString("N"));
        await using var server = await TestServer.StartRealAsync(("web", Jenkinsfiles.Pipeline(pause: 0.15, unitHeldUntil: release)));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var number = await server.TriggerAsync("web");

        // When the build page is open while the build runs
        await page.GotoAsync($"{server.BaseUrl}/job/web/{number}/");

        // Then the stage graph appears and the log follows the build: its last lines before the hold are shown (an
        // early line such as "make step 3" is not: Follow keeps the tail in view, and lines far above the view are
        // not rendered, so a page that opened late never had it). The build is held until the test releases it, so
        // a long wait costs nothing: CI runs this first browser test beside the Docker tests on two cores.
        var live = new LocatorWaitForOptions { Timeout = 30_000 };
        await page.Locator(".stage[data-stage='Build']").WaitForAsync(live);
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "unit test 3 passed" }).Last.WaitForAsync(live);
        await page.Locator(".stage[data-stage='unit'][data-status='RUNNING']").WaitForAsync(live);
        await page.Locator(".stage[data-status='RUNNING']").First.WaitForAsync(live);
        var midBuild = Browser.ScreenshotPath("build-live.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = midBuild, FullPage = true });
        if (Browser.ArtifactsScreenshots() is { } artifacts)
        {
            File.Copy(midBuild, Path.Combine(artifacts, "build-live.png"), overwrite: true);
        }

        await File.WriteAllTextAsync(release, "", TestContext.Current.CancellationToken);

        // And when it ends, the failed stage shows failed and the skipped one skipped
        await page.Locator(".stage[data-stage='Deploy'][data-status='FAILURE']").WaitForAsync(new() { Timeout = 20_000 });
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "Finished: FAILURE" }).Last.WaitForAsync(new() { Timeout = 10_000 });
        File.Delete(release);
        Assert.Equal("SKIPPED", await page.Locator(".stage[data-stage='Publish']").GetAttributeAsync("data-status"));
        Assert.DoesNotContain("null", await page.Locator(".buildhead").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("SUCCESS", await page.Locator(".stage[data-stage='unit']").GetAttributeAsync("data-status"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("build-finished.png"), FullPage = true });

        // And the XSS line (found with the log search) is shown as text: no element from it, no script ran
        await page.FillAsync("input[type=search]", "onerror");
        await page.PressAsync("input[type=search]", "Enter");
        var xssRow = page.Locator("[data-testid=log] .line", new() { HasTextString = "<img src=x onerror" }).Last;
        Assert.Equal(XssLine, await xssRow.InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=log] img, [data-testid=log] script, [data-testid=log] b").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
    }

    [Fact]
    public async Task StageUrl_ShowsOnlyThatStagesLog()
    {
        await using var server = await TestServer.StartAsync(jobs: "web");
        server.Executor.Add("web", Scripts.Pipeline());
        var number = await server.TriggerAsync("web");
        await server.WaitFinishedAsync("web", number);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{server.BaseUrl}/job/web/{number}/");
        await page.Locator(".stage[data-stage='Deploy']").ClickAsync();

        await page.WaitForURLAsync($"**/job/web/{number}/stage/Deploy");
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "+ ./deploy.sh" }).First.WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("stage-log.png"), FullPage = true });
        Assert.Equal(0, await page.Locator("[data-testid=log] .line", new() { HasTextString = "make step" }).CountAsync());
        Assert.Equal("SUCCESS", await page.Locator(".stage[data-stage='Build']").GetAttributeAsync("data-status"));
    }

    [Fact]
    public async Task BigLog_OpensAtItsTail_AndSearchJumpsToEarlierLines()
    {
        // Given a finished build with ~20 MB of log
        await using var server = await TestServer.StartAsync(jobs: "big");
        server.Executor.Add("big", Scripts.Chatty(200_000, lineLength: 100));
        var number = await server.TriggerAsync("big");
        await server.WaitFinishedAsync("big", number, timeoutSeconds: 120);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        // When it is opened
        await page.GotoAsync($"{server.BaseUrl}/job/big/{number}/");

        // Then the tail is visible, with few lines in the DOM
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "Finished: SUCCESS" }).WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "0000199999 " }).WaitForAsync(new() { Timeout = 10_000 });
        Assert.InRange(await page.Locator("[data-testid=log] .line").CountAsync(), 1, 500);

        // And searching jumps to a line near the start
        await page.FillAsync("input[type=search]", "0000000042 ");
        await page.PressAsync("input[type=search]", "Enter");
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "0000000042 " }).WaitForAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task InputAndAbortButtons_DriveRealBuilds()
    {
        // Given a build waiting at an input, and one that runs long
        await using var server = await TestServer.StartRealAsync(
            ("gate", Jenkinsfiles.WithInput),
            ("long", "pipeline { agent any; stages { stage('Long') { steps { sh 'sleep 60' } } } }"));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var gate = await server.TriggerAsync("gate");
        var longBuild = await server.TriggerAsync("long");

        // When the input's button is clicked
        await page.GotoAsync($"{server.BaseUrl}/job/gate/{gate}/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ship it" }).ClickAsync(new() { Timeout = 20_000 });

        // Then the build proceeds to success
        await page.Locator(".badge.s-SUCCESS").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal("SUCCESS", await page.Locator(".stage[data-stage='Approve']").GetAttributeAsync("data-status"));

        // And when Abort is clicked on the long build, it ends ABORTED
        await page.GotoAsync($"{server.BaseUrl}/job/long/{longBuild}/");
        await page.Locator(".stage[data-stage='Long'][data-status='RUNNING']").WaitForAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort" }).ClickAsync();
        await page.Locator(".badge.s-ABORTED").WaitForAsync(new() { Timeout = 20_000 });
        var build = await server.WaitFinishedAsync("long", longBuild);
        Assert.Equal("ABORTED", build.GetProperty("build").GetProperty("result").GetString());
    }
}
