using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Args;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// Builds the image of an <c>agent { dockerfile ... }</c>: tagged <c>containercd/dockerfile:HASH</c> by a
/// hash of its inputs (context files after .dockerignore, Dockerfile, build args), reused when that tag
/// exists, otherwise built with the engine's output streamed to the stage log. A failed build is an
/// <see cref="AgentStartException"/> whose message ends the stage, the output being already in the log.
/// </summary>
internal sealed class DockerfileImageBuilder(DockerEngine engine)
{
    public const string Repository = "containercd/dockerfile";

    public async Task<string> BuildAsync(DockerfileSpec spec, string workspace, IShellOutput log, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(workspace, string.IsNullOrEmpty(spec.Directory) ? "." : spec.Directory));
        var dockerfile = Path.GetFullPath(Path.Combine(directory, string.IsNullOrEmpty(spec.Filename) ? "Dockerfile" : spec.Filename));
        if (!File.Exists(dockerfile))
        {
            throw new AgentStartException($"Dockerfile not found: {dockerfile} (agent dockerfile: filename '{spec.Filename}', dir '{spec.Directory}').");
        }

        var options = ParseBuildArgs(spec.AdditionalBuildArgs);
        var context = await Task.Run(() => DockerBuildContext.Collect(directory, dockerfile), cancellationToken).ConfigureAwait(false);
        var optionsKey = string.Join('\n', options.BuildArgs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
            + $"\ntarget={options.Target}\nnocache={options.NoCache}\nlabels={string.Join(',', options.Labels.OrderBy(p => p.Key, StringComparer.Ordinal))}";
        var hash = await Task.Run(() => context.ComputeHash(optionsKey), cancellationToken).ConfigureAwait(false);
        var tag = $"{Repository}:{hash[..20]}";
        if (!options.NoCache && !options.Pull && await new ImageResolver(engine).TryInspectAsync(tag, cancellationToken).ConfigureAwait(false) is not null)
        {
            log.Write($"Using the image built earlier from {Path.GetRelativePath(workspace, dockerfile)}: {tag}\n");
            return tag;
        }

        log.Write($"Building {tag} from {Path.GetRelativePath(workspace, dockerfile)}\n");
        var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal)
        {
            [ResourceLabels.Managed] = "true",
            [ResourceLabels.Role] = "dockerfile-agent",
            [ResourceLabels.InputHash] = hash,
        };
        var parameters = new ImageBuildParameters
        {
            Dockerfile = context.DockerfileInTar,
            Tags = [tag, .. options.Tags],
            BuildArgs = options.BuildArgs,
            Labels = labels,
            Target = options.Target,
            NoCache = options.NoCache,
            Pull = options.Pull ? "true" : null,
            NetworkMode = options.Network,
            Remove = true,
            ForceRemove = true,
        };
        var progress = new ProgressLog(log);
        await using (var tar = await context.CreateTarAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, tar, null, null, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new AgentStartException($"docker build of {Path.GetRelativePath(workspace, dockerfile)} failed: {e.ResponseBody?.Trim() ?? e.Message}", e);
            }
        }

        if (progress.Error is not null)
        {
            throw new AgentStartException($"docker build of {Path.GetRelativePath(workspace, dockerfile)} failed: {progress.Error.Trim()}");
        }

        return tag;
    }

    private sealed record BuildOptions(
        Dictionary<string, string> BuildArgs,
        Dictionary<string, string> Labels,
        List<string> Tags,
        string? Target,
        bool NoCache,
        bool Pull,
        string? Network);

    /// <summary><c>additionalBuildArgs</c> as <c>docker build</c> reads them; an option it cannot honour is an error.</summary>
    private static BuildOptions ParseBuildArgs(string? text)
    {
        var words = CommandLineTokenizer.Split(text, out var error);
        if (error is not null)
        {
            throw new AgentStartException($"Invalid additionalBuildArgs '{text}': {error}");
        }

        var options = new BuildOptions(new(StringComparer.Ordinal), new(StringComparer.Ordinal), [], null, false, false, null);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var eq = word.StartsWith("--", StringComparison.Ordinal) ? word.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = eq > 0 ? word[..eq] : word;
            string Value() => eq > 0 ? word[(eq + 1)..]
                : i + 1 < words.Count ? words[++i]
                : throw new AgentStartException($"Invalid additionalBuildArgs '{text}': flag needs an argument: {name}");
            switch (name)
            {
                case "--build-arg":
                    var (key, value) = KeyValue(Value(), expandFromEnvironment: true);
                    options.BuildArgs[key] = value;
                    break;
                case "--label":
                    var (lk, lv) = KeyValue(Value(), expandFromEnvironment: false);
                    options.Labels[lk] = lv;
                    break;
                case "-t" or "--tag":
                    options.Tags.Add(Value());
                    break;
                case "--target":
                    options = options with { Target = Value() };
                    break;
                case "--network":
                    options = options with { Network = Value() };
                    break;
                case "--no-cache":
                    options = options with { NoCache = true };
                    break;
                case "--pull":
                    options = options with { Pull = true };
                    break;
                case "-q" or "--quiet" or "--rm" or "--force-rm":
                    break;
                default:
                    throw new AgentStartException(string.Format(CultureInfo.InvariantCulture, "Invalid additionalBuildArgs '{0}': unknown flag: {1} (supported: --build-arg, --label, -t/--tag, --target, --network, --no-cache, --pull)", text, name));
            }
        }

        return options;
    }

    private static (string Key, string Value) KeyValue(string text, bool expandFromEnvironment)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            return (text[..eq], text[(eq + 1)..]);
        }

        return (text, expandFromEnvironment ? System.Environment.GetEnvironmentVariable(text) ?? "" : "");
    }
}
