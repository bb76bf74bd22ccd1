using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The build page's deployments and the Deployments pages in headless Chromium against a real server, with records
/// made by real builds whose DeploymentEvents come from a fake deploy step, and a fake router for the live weights.
/// </summary>
public sealed class DeploymentsBrowserTests
{
    [Fact]
    public async Task FakeDeployStep_BuildPageLinksToTheProjectPage_WhichShowsRouterWeightsAndNewDeploymentsLive()
    {
        // Given build 1 of a job whose fake deploy step deployed shop (blue-green) and cart, and a router serving shop at 90/10
        var router = new FakeRouter();
        router.Set(FakeRouter.Route("shop", 18080, ("blue", 90, true), ("green", 10, true)));
        await using var server = await DeploymentRecordTests.StartAsync(ServerSeams.Default with { Router = router }, RuntimeConfig.Empty, ("deliver", DeploymentRecordTests.Jenkinsfile));
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // When the build page is opened
        await page.GotoAsync($"{server.BaseUrl}/job/deliver/1/");
        var shopRow = page.Locator("[data-testid=build-deployments] tr[data-project=shop]");
        await shopRow.WaitForAsync(new() { Timeout = 30_000 });

        // Then it lists the deployments the build made, with strategy, result, weights and digest
        Assert.Equal(2, await page.Locator("[data-testid=build-deployments] tr[data-project]").CountAsync());
        var shop = await shopRow.InnerTextAsync();
        Assert.Contains("blueGreen", shop, StringComparison.Ordinal);
        Assert.Contains("succeeded", shop, StringComparison.Ordinal);
        Assert.Contains("blue 0%, green 100%", shop, StringComparison.Ordinal);
        Assert.Contains("web@sha256:bbb", shop, StringComparison.Ordinal);

        // When its project link is followed
        await shopRow.GetByRole(AriaRole.Link, new() { Name = "shop" }).ClickAsync();
        await page.WaitForURLAsync("**/deployments/shop");
        var blue = page.Locator("[data-testid=live-weights] tr.pool[data-pool=blue]");
        await blue.WaitForAsync(new() { Timeout = 30_000 });

        // Then the router's current weights are shown, and the deployment with its weights over time
        Assert.Equal("90", await blue.GetAttributeAsync("data-weight"));
        Assert.Equal("10", await page.Locator("[data-testid=live-weights] tr.pool[data-pool=green]").GetAttributeAsync("data-weight"));
        var history = await page.Locator("[data-testid=deployment-history] tr.deployment[data-number='1']").InnerTextAsync();
        Assert.Contains("blue 100%, green 0%", history, StringComparison.Ordinal);
        Assert.Contains("blue 0%, green 100%", history, StringComparison.Ordinal);

        // When the router switches to green, then the page shows it without a reload (it polls the router)
        router.Set(FakeRouter.Route("shop", 18080, ("blue", 0, true), ("green", 100, true)));
        await page.Locator("[data-testid=live-weights] tr.pool[data-pool=green][data-weight='100']").WaitForAsync(new() { Timeout = 15_000 });

        // When build 2 promotes shop, then its deployment appears without a reload (the hub's Deployment message)
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));
        var second = page.Locator("[data-testid=deployment-history] tr.deployment[data-number='2']");
        await second.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("promoted", await second.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("deployments-project.png"), FullPage = true });

        // And the navigation's Deployments entry lists every project with its current weights
        await page.Locator("[data-testid=nav-deployments]").ClickAsync();
        await page.Locator("[data-testid=deployment-projects] tr[data-project=cart]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("green 100%", await page.Locator("[data-testid=deployment-projects] tr[data-project=shop]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FakeDeployStep_ProjectPageWithoutARouter_SaysRouterNotRunning()
    {
        await using var server = await DeploymentRecordTests.StartAsync(("deliver", DeploymentRecordTests.Jenkinsfile));
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{server.BaseUrl}/deployments/shop");
        await page.Locator("[data-testid=router-state]").WaitForAsync(new() { Timeout = 30_000 });

        Assert.Equal("router not running", await page.Locator("[data-testid=router-state]").InnerTextAsync());
        await page.Locator("[data-testid=deployment-history] tr.deployment[data-number='1']").WaitForAsync(new() { Timeout = 30_000 });
    }
}
