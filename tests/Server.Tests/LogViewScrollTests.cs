using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The log view in headless Chromium while the blocks of a big log arrive out of order or fail: Follow keeps
/// the last line in view, a user who scrolled keeps the line they look at, and a block that failed says so and
/// is loaded again.
/// </summary>
public sealed class LogViewScrollTests
{
    private const string LastLine = "Finished: SUCCESS";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Follow_EarlierBlocksAnswerLate_LastLineStaysInTheViewport()
    {
        // Given a finished build whose log blocks have very different line lengths, its page open with every
        // log range but the tail's held back
        await using var server = await TestServer.StartAsync(jobs: "uneven");
        var (page, ranges, disposables) = await OpenHeldAsync(server);
        await using var _ = disposables;

        // When the tail shows, and then the earlier blocks' answers arrive
        await LogViewport.WaitVisibleAsync(page, LastLine);
        ranges.Release();
        await ranges.WaitSettledAsync(Quiet, Settle);

        // Then the last line is in the viewport in every frame, and Follow is still checked
        Assert.True(ranges.Held > 0, "no log range was held back: the test did not exercise a late block");
        var watch = await LogViewport.WatchAsync(page, LastLine, 1_500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("follow-late-blocks.png") });
        Assert.True(watch.Hidden == 0, $"the last line was out of view in {watch.Hidden} of {watch.Frames} frames");
        Assert.True(await page.IsCheckedAsync(".logbar input[type=checkbox]"));
    }

    [Fact]
    public async Task ScrolledUp_EarlierBlocksAnswerLate_TheLineInViewKeepsItsPlace()
    {
        // Given the same log open at its tail, earlier ranges held back
        await using var server = await TestServer.StartAsync(jobs: "uneven");
        var (page, ranges, disposables) = await OpenHeldAsync(server);
        await using var _ = disposables;
        await LogViewport.WaitVisibleAsync(page, LastLine);

        // When the user scrolls up a few lines (Follow turns off), and then the blocks above answer
        await page.HoverAsync("[data-testid=log]");
        await page.Mouse.WheelAsync(0, -100);
        await page.WaitForFunctionAsync("() => !document.querySelector('.logbar input[type=checkbox]').checked", null, new() { Timeout = 10_000 });
        var (line, top) = await LogViewport.FirstRealLineAsync(page);
        ranges.Release();
        await ranges.WaitSettledAsync(Quiet, Settle);

        // Then that line stays where it was, in every frame
        Assert.True(ranges.Held > 0, "no log range was held back: the test did not exercise a late block");
        var watch = await LogViewport.WatchAsync(page, line, 1_500);
        Assert.True(watch.Hidden == 0, $"'{line}' was out of view in {watch.Hidden} of {watch.Frames} frames");
        Assert.InRange(watch.MinTop!.Value, top - 1, top + 1);
        Assert.InRange(watch.MaxTop!.Value, top - 1, top + 1);
        Assert.False(await page.IsCheckedAsync(".logbar input[type=checkbox]"));
    }

    [Fact]
    public async Task RangeRequestFails_TheBlockSaysSo_AndLoadsOnRetry()
    {
        // Given the same log open at its tail, where the first request for each earlier block fails
        await using var server = await TestServer.StartAsync(jobs: "uneven");
        var (page, _, disposables) = await OpenAsync(server, LogRanges.FailOnceAllButTheTailAsync);
        await using var _ = disposables;
        await LogViewport.WaitVisibleAsync(page, LastLine);

        // Then the block above the tail (its lines are rendered above the view) says it could not be loaded,
        // and a few seconds later its lines are there (the one padding to the tail's block is its last), and no block
        // still says it failed
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "could not load bytes" }).First.WaitForAsync(new() { Timeout = 10_000, State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "pad ppp" }).WaitForAsync(new() { Timeout = 20_000, State = WaitForSelectorState.Attached });
        // every other block that failed is retried on its own schedule: wait until none still says so
        await page.WaitForFunctionAsync(
            "() => ![...document.querySelectorAll('[data-testid=log] .line')].some(l => l.textContent.includes('could not load bytes'))",
            null, new() { Timeout = 20_000 });
        await LogViewport.WaitVisibleAsync(page, LastLine);
    }

    private static Task<(IPage Page, LogRanges Ranges, Disposables Disposables)> OpenHeldAsync(TestServer server) =>
        OpenAsync(server, LogRanges.HoldAllButTheTailAsync);

    private static async Task<(IPage Page, LogRanges Ranges, Disposables Disposables)> OpenAsync(TestServer server, Func<IPage, long, Task<LogRanges>> watchRanges)
    {
        server.Executor.Add("uneven", Scripts.UnevenBlocks(shortLines: 60_000, longLines: 60));
        var number = await server.TriggerAsync("uneven");
        var build = await server.WaitFinishedAsync("uneven", number, timeoutSeconds: 120);
        var size = build.GetProperty("build").GetProperty("logSize").GetInt64();
        var (playwright, browser) = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var ranges = await watchRanges(page, size);
        await page.GotoAsync($"{server.BaseUrl}/job/uneven/{number}/");
        return (page, ranges, new Disposables(playwright, browser));
    }

    private sealed class Disposables(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
