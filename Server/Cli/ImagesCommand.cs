using System.CommandLine;
using ContainerCd.Entry;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;

namespace ContainerCd.Server.Cli;

/// <summary>
/// <c>containercd images bootstrap [--debian] [--isolated] [--mirror URL]</c>: builds the local base images with no
/// registry (<c>containercd/busybox:latest</c> from busybox-static; with <c>--debian</c> also
/// <c>containercd/debian:bookworm</c> through debootstrap). Idempotent. Exit 0 when they are ready,
/// 1 when one could not be built (one line saying why), 2 for usage errors.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var debian = new Option<bool>("--debian") { Description = $"Also build {BaseImages.Debian} from a debootstrap rootfs (needs Debian's package mirror; a few minutes)." };
        var isolated = new Option<bool>("--isolated") { Description = $"Also build {BaseImages.IsolatedEngine}, the engine of 'docker: isolated' agents: Debian's docker.io on {BaseImages.Debian} (built too; needs Debian's package mirror)." };
        var mirror = new Option<string>("--mirror") { Description = "The Debian mirror debootstrap uses.", DefaultValueFactory = _ => "http://deb.debian.org/debian" };
        var noInstall = new Option<bool>("--no-install") { Description = "Do not apt-get install busybox-static or debootstrap when missing." };
        var bootstrap = new Command("bootstrap", $"Build the local base images: {BaseImages.Busybox} (and {BaseImages.Debian} with --debian, {BaseImages.IsolatedEngine} with --isolated). No registry needed; safe to run again.")
        {
            debian,
            isolated,
            mirror,
            noInstall,
        };
        bootstrap.SetAction((parse, cancellationToken) => BootstrapAsync(parse.GetValue(debian), parse.GetValue(isolated), parse.GetValue(mirror)!, !parse.GetValue(noInstall), cancellationToken));

        return new Command("images", "Manage the local base images used by Docker agents.")
        {
            bootstrap,
        };
    }

    private static async Task<int> BootstrapAsync(bool debian, bool isolated, string mirror, bool install, CancellationToken cancellationToken)
    {
        using var engine = DockerEngine.Create();
        var log = new ConsoleOutput();
        try
        {
            await engine.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);
            var bootstrapper = new BaseImageBootstrapper(engine);
            Report(await bootstrapper.BusyboxAsync(log, install, cancellationToken).ConfigureAwait(false));
            if (debian)
            {
                Report(await bootstrapper.DebianAsync(log, mirror, install, cancellationToken).ConfigureAwait(false));
            }

            if (isolated)
            {
                Report(await bootstrapper.IsolatedEngineAsync(log, mirror, install, cancellationToken).ConfigureAwait(false));
            }

            return ExitCodes.Success;
        }
        catch (AgentStartException e)
        {
            await Console.Error.WriteLineAsync($"containercd images: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Report(BaseImageBootstrapper.Outcome outcome) =>
        Console.WriteLine($"{outcome.Image}: {(outcome.Built ? "built" : "ready")} ({outcome.Detail})");

    private sealed class ConsoleOutput : IShellOutput
    {
        public void Write(string text) => Console.Write(text);
    }
}
