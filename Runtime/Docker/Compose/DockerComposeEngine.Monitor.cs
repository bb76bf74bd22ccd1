using System.Globalization;
using ContainerCd.Runtime.Delivery.Deploying;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Compose;

/// <summary>A rolling update's <c>monitor</c> window: a replaced replica watched for turning unhealthy or exiting.</summary>
public sealed partial class DockerComposeEngine
{
    public async Task<HealthWait> MonitorAsync(DeployedContainer container, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var end = time.GetUtcNow() + window;
        while (true)
        {
            if (await TryInspectAsync(container.Id, cancellationToken).ConfigureAwait(false) is not { } inspect)
            {
                return new HealthWait(false, $"{container.Name} is gone");
            }

            if (Failure(container, inspect) is { } failure)
            {
                return new HealthWait(false, failure + string.Create(CultureInfo.InvariantCulture, $" within the monitor window of {window.TotalSeconds:0.#} s"));
            }

            if (time.GetUtcNow() >= end)
            {
                return new HealthWait(true, string.Create(CultureInfo.InvariantCulture, $"{container.Name} stayed healthy for {window.TotalSeconds:0.#} s"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why a container cannot serve (exited, unhealthy), or null while it runs and is not unhealthy.</summary>
    private static string? Failure(DeployedContainer container, ContainerInspectResponse inspect)
    {
        var state = inspect.State;
        if (state is not { Running: true })
        {
            return $"{container.Name} exited with code {state?.ExitCode}";
        }

        if (state.Health?.Status == "unhealthy")
        {
            var last = state.Health.Log?.LastOrDefault()?.Output?.Trim();
            return $"{container.Name} is unhealthy" + (string.IsNullOrEmpty(last) ? "" : $" (last check: {last})");
        }

        return null;
    }
}
