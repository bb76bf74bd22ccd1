using Microsoft.Playwright;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// Headless Debian Chromium through Playwright (no browser download). Tests skip with a reason when
/// /usr/bin/chromium is missing, except with CONTAINERCD_REQUIRE_BROWSER=1 (CI), where they fail.
/// </summary>
internal static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

    public static void RequireChromium()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CONTAINERCD_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail($"{ExecutablePath} is missing and CONTAINERCD_REQUIRE_BROWSER=1 (run .ci/setup.sh: apt-get install -y chromium)");
        }

        Assert.Skip($"{ExecutablePath} is missing (apt-get install -y chromium); browser tests skipped");
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        RequireChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: the test output folder (screenshots/), kept after the run.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>The repository's artifacts/screenshots folder (found from the test binaries), or null outside a checkout.</summary>
    public static string? ArtifactsScreenshots()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "screenshots");
                Directory.CreateDirectory(folder);
                return folder;
            }
        }

        return null;
    }
}
