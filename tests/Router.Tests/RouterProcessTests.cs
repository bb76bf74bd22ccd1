using System.Runtime.Versioning;
using ContainerCd.Router.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Router.Tests;

/// <summary>The router as its own process: started on demand by the client, one per home, its routes surviving it, its socket its own.</summary>
[SupportedOSPlatform("linux")]
public sealed class RouterProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_NoRouterRunning_StartsOneThatServesTheRoute()
    {
        // Given
        using var processes = new RouterProcesses();
        await using var blue = await TestBackend.StartAsync("blue");
        using var client = processes.Client();
        var port = Ports.Free();

        // When
        await client.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, blue)), Ct);

        // Then
        using var http = InProcessRouter.Client(port);
        Assert.Equal("blue", await http.GetStringAsync("/", Ct));
        Assert.Single(processes.Running());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(processes.Paths.ControlSocket));
        var status = Assert.Single(await client.ListAsync(Ct));
        Assert.Equal(port, status.Table.PublicPort);
        Assert.True(Assert.Single(status.Backends).Healthy);
        Assert.Equal(1, Assert.Single((await client.GetAsync(port, Ct))!.Backends).Served);
        Assert.Null(await client.GetAsync(Ports.Free(), Ct));
    }

    [Fact]
    public async Task EnsureRunning_TwoConcurrentStarters_StartOneRouter()
    {
        // Given
        using var processes = new RouterProcesses();
        using var first = processes.Client();
        using var second = processes.Client();

        // When
        await Task.WhenAll(first.EnsureRunningAsync(Ct), second.EnsureRunningAsync(Ct));

        // Then
        Assert.Single(processes.Running());
        Assert.Empty(await first.ListAsync(Ct));
        Assert.Empty(await second.ListAsync(Ct));
    }

    [Fact]
    public async Task Apply_RouterKilled_StartedAgainWithTheSameRoutes()
    {
        // Given: a route served by a router that is then killed (SIGKILL: no chance to clean up)
        using var processes = new RouterProcesses();
        await using var blue = await TestBackend.StartAsync("blue");
        using var client = processes.Client();
        var port = Ports.Free();
        await client.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, blue)), Ct);
        var killed = Assert.Single(processes.Running());
        RouterProcesses.Kill(killed);
        Assert.Empty(processes.Running());

        // When: the next control call finds it gone
        var status = await client.GetAsync(port, Ct);

        // Then: a new router serves the stored route
        var restarted = Assert.Single(processes.Running());
        Assert.NotEqual(killed, restarted);
        Assert.Equal(port, status!.Table.PublicPort);
        using var http = InProcessRouter.Client(port);
        Assert.Equal("blue", await http.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task ControlSocket_AnsweredBySomethingElse_Refused()
    {
        // Given: an HTTP server that is not a router listens on the home's control socket
        using var processes = new RouterProcesses();
        processes.Paths.CreateFolder();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(processes.Paths.ControlSocket));
        await using var impostor = builder.Build();
        impostor.Run(context => context.Response.WriteAsync("hello"));
        await impostor.StartAsync(Ct);
        File.SetUnixFileMode(processes.Paths.ControlSocket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var client = processes.Client();

        // When
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ListAsync(Ct));

        // Then: refused, and no router started behind its back
        Assert.Equal($"refusing the router control socket {processes.Paths.ControlSocket}: what answers there is not a ContainerCd router", error.Message);
        Assert.Empty(processes.Running());
    }

    [Fact]
    public async Task ControlSocket_OpenToOtherUsers_Refused()
    {
        // Given: the router runs, then its socket is opened to everyone
        using var processes = new RouterProcesses();
        using (var client = processes.Client())
        {
            await client.EnsureRunningAsync(Ct);
        }

        File.SetUnixFileMode(processes.Paths.ControlSocket, (UnixFileMode)0b110_110_110);
        using var other = processes.Client();

        // When
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.ListAsync(Ct));

        // Then
        Assert.StartsWith($"refusing the router control socket {processes.Paths.ControlSocket}: it is open to other users (mode 666)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouterProcess_SecondOnTheSameHome_ExitsAtOnce()
    {
        // Given
        using var processes = new RouterProcesses();
        using var client = processes.Client();
        await client.EnsureRunningAsync(Ct);

        // When: a router started by hand beside it
        using var second = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(RouterProcesses.Launcher.FileName, ["router", "--home", processes.Home])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = await second.StandardError.ReadToEndAsync(Ct);
        await second.WaitForExitAsync(Ct);

        // Then
        Assert.Equal(3, second.ExitCode);
        Assert.Contains("a router already runs for " + processes.Paths.Home, stderr, StringComparison.Ordinal);
        Assert.Single(processes.Running());
        Assert.Empty(await client.ListAsync(Ct));
    }
}
