using ContainerCd.Runtime.Agents;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// Writes the engine's build and pull progress to a build log as it arrives: build output as is, pull
/// progress one line per layer state change (no progress bars). Remembers the last error the engine sent.
/// </summary>
internal sealed class ProgressLog(IShellOutput log) : IProgress<JSONMessage>
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error is not null)
        {
            Error = value.Error.Message ?? "unknown error";
            log.Write(Error + "\n");
            return;
        }

        if (!string.IsNullOrEmpty(value.Stream))
        {
            log.Write(value.Stream);
            return;
        }

        if (!string.IsNullOrEmpty(value.Status) && value.Progress is null)
        {
            var line = string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}";
            if (_seen.Add(line))
            {
                log.Write(line + "\n");
            }
        }
    }
}
