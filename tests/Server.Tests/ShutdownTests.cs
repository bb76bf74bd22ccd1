using ContainerCd.Server.Live;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Stopping the server while builds end.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_JustAsABuildEnds_StopsCleanly()
    {
        // A build that has just finished is still being filed by its executor for a moment: a stop then must not
        // trip over it (CI once saw ObjectDisposedException from the build's abort token). A race: this repeats the
        // moment to make it likely, not certain.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Given a build that has just finished
            var server = await TestServer.StartAsync(jobs: "app");
            server.Executor.Add("app", Scripts.Pipeline());
            var number = await server.TriggerAsync("app");
            var stream = server.Service<LiveBuilds>().Get($"app/{number}")!;
            while (!stream.Finished)
            {
                await stream.WaitForAsync(stream.LastSequence + 1, TestContext.Current.CancellationToken);
            }

            // When the server stops at once, Then it stops without an error
            await server.DisposeAsync();
        }
    }
}
