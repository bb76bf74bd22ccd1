using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Docker.Images;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Compose;

/// <summary>The images services run, and a replica's container as Docker creates it.</summary>
public sealed partial class DockerComposeEngine
{
    public async Task<ImmutableDictionary<string, string>> PrepareImagesAsync(ComposeFile file, string templateDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var output = new LineOutput(log);
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var service in file.Services)
        {
            string reference;
            if (service.Build is { } build)
            {
                var directory = Path.GetFullPath(Path.Combine(templateDirectory, build.Context));
                var args = string.Join(' ', build.Args.Select(p => $"--build-arg {Quote(p.Key + "=" + p.Value)}"));
                reference = await new DockerfileImageBuilder(engine)
                    .BuildAsync(new DockerfileSpec(build.Dockerfile ?? "Dockerfile", directory, args.Length == 0 ? null : args), templateDirectory, output, cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                reference = service.Image!;
                await new ImageResolver(engine).EnsureAsync(reference, alwaysPull: false, registryUrl: null, credentials: null, output, cancellationToken).ConfigureAwait(false);
            }

            var inspect = await new ImageResolver(engine).TryInspectAsync(reference, cancellationToken).ConfigureAwait(false)
                ?? throw new AgentStartException($"Image '{reference}' of service {service.Name} cannot be found after it was prepared");
            result[service.Name] = inspect.RepoDigests?.FirstOrDefault() ?? inspect.ID;
        }

        return result.ToImmutable();
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static CreateContainerParameters ContainerParameters(string project, ComposeFile file, ComposeService service, ReplicaSlot slot, string image, string name)
    {
        var labels = new Dictionary<string, string>(service.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in ComposeLabels.ForProject(project))
        {
            labels[key] = value;
        }

        labels[ComposeLabels.Service] = service.Name;
        labels[ComposeLabels.Pool] = slot.Pool;
        labels[ComposeLabels.Replica] = slot.Replica.ToString(CultureInfo.InvariantCulture);
        labels[ComposeLabels.Generation] = slot.Generation.ToString(CultureInfo.InvariantCulture);
        labels[ComposeLabels.Image] = image;
        var first = service.Networks[0];
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Labels = labels,
            Env = [.. service.Environment.Select(p => p.Key + "=" + p.Value)],
            HostConfig = new HostConfig
            {
                Mounts = [.. service.Volumes.Select(v => new Mount
                {
                    Type = "volume",
                    Source = file.Volumes.First(d => d.Key == v.Volume).Name ?? $"{project}_{v.Volume}",
                    Target = v.Target,
                    ReadOnly = v.ReadOnly,
                })],
                NetworkMode = NetworkName(project, file, first.Key),
            },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [NetworkName(project, file, first.Key)] = new() { Aliases = [service.Name, .. first.Aliases] },
                },
            },
        };
        if (service.Command is { } command)
        {
            parameters.Cmd = [.. command];
        }

        if (service.Entrypoint is { } entrypoint)
        {
            parameters.Entrypoint = [.. entrypoint];
        }

        if (service.WorkingDir is { } workingDir)
        {
            parameters.WorkingDir = workingDir;
        }

        if (service.User is { } user)
        {
            parameters.User = user;
        }

        if (service.Healthcheck is { } health)
        {
            parameters.Healthcheck = Healthcheck(health);
        }

        if (service.Restart is { } restart)
        {
            parameters.HostConfig.RestartPolicy = RestartPolicy(restart);
        }

        return parameters;
    }

    private static HealthcheckConfig Healthcheck(ComposeHealthcheck health) => new()
    {
        Test = [.. health.Test],
        Interval = health.Interval ?? TimeSpan.Zero,
        Timeout = health.Timeout ?? TimeSpan.Zero,
        Retries = health.Retries ?? 0,
        StartPeriod = health.StartPeriod ?? TimeSpan.Zero,
        StartInterval = health.StartInterval ?? TimeSpan.Zero,
    };

    private static RestartPolicy RestartPolicy(string restart)
    {
        var colon = restart.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? restart : restart[..colon];
        return new RestartPolicy
        {
            Name = name switch
            {
                "always" => RestartPolicyKind.Always,
                "on-failure" => RestartPolicyKind.OnFailure,
                "unless-stopped" => RestartPolicyKind.UnlessStopped,
                _ => RestartPolicyKind.No,
            },
            MaximumRetryCount = colon < 0 ? 0 : long.Parse(restart[(colon + 1)..], CultureInfo.InvariantCulture),
        };
    }

    private sealed class LineOutput(Action<string> log) : IShellOutput
    {
        public void Write(string text)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                log(line);
            }
        }
    }
}
