using System.Diagnostics;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// The bar, for real: a process holding an agent (and a container its step started through the
/// pass-through) is killed with -9, SIGTERM or SIGINT, beside another live process holding its own.
/// After <c>kill -9</c> the containers go on their own (the agent's <see cref="OwnerWatchdog"/>), with no
/// sweep and no other containercd start.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class ProcessEndTests(DockerFixture docker) : IAsyncDisposable
{
    private readonly List<(Process Process, AgentScope Scope)> _holders = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillDashNine_ItsContainersGoWithin15sOnTheirOwn_ALiveOnesStay()
    {
        docker.RequireEngine();
        var killed = await StartHolderAsync();
        var live = await StartHolderAsync();
        Assert.Equal(2, await CountAsync(killed.Scope.BuildId));
        Assert.Equal(2, await CountAsync(live.Scope.BuildId));

        // When: kill -9, and nothing else (no sweep, no other start)
        killed.Process.Kill();
        await killed.Process.WaitForExitAsync(Token);
        var gone = await WaitUntilNoneAsync(killed.Scope.BuildId, TimeSpan.FromSeconds(15));

        // Then
        Assert.True(gone, $"still there 15 s after kill -9: {await CountAsync(killed.Scope.BuildId)}");
        Assert.Equal(2, await CountAsync(live.Scope.BuildId));
        Assert.False(live.Process.HasExited);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_RemovesItsOwnContainersBeforeExiting(string signal)
    {
        docker.RequireEngine();
        var holder = await StartHolderAsync();
        var other = await StartHolderAsync();
        Assert.Equal(2, await CountAsync(holder.Scope.BuildId));

        using (var kill = Process.Start("kill", [$"-{signal}", holder.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync(Token);
        }

        await holder.Process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        var left = await CountAsync(holder.Scope.BuildId);
        await Task.Delay(3000, Token);
        Assert.True(left == 0, $"left at exit: {left}, 3 s later: {await CountAsync(holder.Scope.BuildId)}; exit code {holder.Process.ExitCode}");
        Assert.Equal(2, await CountAsync(other.Scope.BuildId));
    }

    [Fact]
    public async Task KillDashNine_AnIsolatedEngineGoesOnItsOwn_AndTheSweepTakesItsSocketVolume()
    {
        docker.RequireEngine();
        var killed = await StartHolderAsync("isolated");
        Assert.Equal(2, await CountAsync(killed.Scope.BuildId));
        Assert.Single(await VolumesAsync(killed.Scope.BuildId));

        killed.Process.Kill();
        await killed.Process.WaitForExitAsync(Token);
        var gone = await WaitUntilNoneAsync(killed.Scope.BuildId, TimeSpan.FromSeconds(30));
        await new ResourceJanitor(docker.Engine).SweepDeadOwnersAsync(Token);

        Assert.True(gone, $"still there 30 s after kill -9: {await CountAsync(killed.Scope.BuildId)}");
        Assert.Empty(await VolumesAsync(killed.Scope.BuildId));
    }

    private async Task<IList<VolumeResponse>> VolumesAsync(string buildId) =>
        (await docker.Engine.Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={buildId}"] = true } },
        }, Token)).Volumes ?? [];

    private async Task<(Process Process, AgentScope Scope)> StartHolderAsync(string? mode = null)
    {
        var scope = new AgentScope();
        var holder = Path.Combine(AppContext.BaseDirectory, "ContainerCd.Docker.Tests.Holder.dll");
        var process = Process.Start(new ProcessStartInfo("env", [.. RunProcess.WithDefaultSignals, "dotnet", holder, scope.BuildId, scope.Workspace, .. mode is null ? Array.Empty<string>() : [mode]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _holders.Add((process, scope));
        var ready = new TaskCompletionSource();
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(Token), Task.Delay(TimeSpan.FromSeconds(60), Token));
        Assert.True(finished == ready.Task, $"the holder did not get ready: {output}");
        return (process, scope);
    }

    private async Task<bool> WaitUntilNoneAsync(string buildId, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (await CountAsync(buildId) > 0)
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(250, Token);
        }

        return true;
    }

    private async Task<int> CountAsync(string buildId) =>
        (await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={buildId}"] = true } },
        }, Token)).Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, scope) in _holders)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            await new ResourceJanitor(docker.Engine).RemoveBuildAsync(scope.BuildId);
            process.Dispose();
            scope.Dispose();
        }
    }
}
