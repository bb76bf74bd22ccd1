using System.Text.RegularExpressions;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Environment;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Delivery.Steps;

/// <summary>
/// <c>composeDeploy file: 'deploy/compose.yml', project: 'shop', strategy: 'blueGreen'</c>: the template read from
/// the workspace and interpolated from the build's environment (its warnings logged, its errors failing the step),
/// then released by the strategy.
/// </summary>
internal static partial class ComposeDeployStep
{
    private static readonly string[] DefaultFiles = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

    public static async Task RunAsync(StepContext context, ComposeDeployer deployer, CancellationToken cancellationToken)
    {
        var project = Project(context);
        var strategy = context.Text("strategy") switch
        {
            null or "rolling" => DeployStrategy.Rolling,
            "blueGreen" => DeployStrategy.BlueGreen,
            "canary" => DeployStrategy.Canary,
            var other => throw context.Abort($"composeDeploy: unknown strategy '{other}' (rolling, blueGreen or canary)"),
        };
        var match = Match(context);
        if (match is not null && strategy != DeployStrategy.Canary)
        {
            throw context.Abort("composeDeploy: match: (A-B routing) goes with strategy: 'canary'");
        }

        var weight = context.Number("weight");
        if (weight is not null && strategy != DeployStrategy.Canary)
        {
            throw context.Abort("composeDeploy: weight: goes with strategy: 'canary'");
        }

        if (strategy == DeployStrategy.Canary && weight is null && match is null)
        {
            throw context.Abort("composeDeploy: strategy 'canary' needs weight: (the percent of requests for the new version) or match:");
        }

        if (weight is < 0 or > 100)
        {
            throw context.Abort($"composeDeploy: weight must be from 0 to 100, not {weight}");
        }

        var path = context.Text("file") is { } given ? context.ResolvePath(given)
            : DefaultFiles.Select(f => Path.Combine(context.WorkingDirectory, f)).FirstOrDefault(File.Exists)
              ?? throw context.Abort($"composeDeploy: no file: given and none of {string.Join(", ", DefaultFiles)} in {context.WorkingDirectory}");
        if (!File.Exists(path))
        {
            throw context.Abort($"composeDeploy: template {context.Text("file")} not found");
        }

        var environment = EnvironmentResolver.ForAgent(context.Build, context.Flow);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var display = Path.GetRelativePath(context.WorkingDirectory, path);
        var parsed = ComposeParser.Parse(display, text, name => environment.TryGetValue(name, out var value) ? value : null);
        foreach (var warning in parsed.Warnings)
        {
            context.Log("WARNING: " + warning);
        }

        if (parsed.File is null)
        {
            throw context.Abort("composeDeploy: invalid Compose template:\n" + string.Join("\n", parsed.Errors));
        }

        await deployer.DeployAsync(parsed.File, Path.GetDirectoryName(path)!, new DeployRequest(project, strategy, (int)(weight ?? 0), match), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>weights: [blue: 90, green: 10]</c>.</summary>
    public static Dictionary<string, int> Weights(StepContext context)
    {
        if (context.Argument("weights", int.MaxValue) is not GroovyMap map || map.Count == 0)
        {
            throw context.Abort("setTrafficWeights: weights: is a map of version to percent, as weights: [blue: 90, green: 10]");
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (!NumberMath.IsNumber(value))
            {
                throw context.Abort($"setTrafficWeights: the weight of '{GroovyFormat.ToDisplayString(key)}' must be a number, not '{GroovyFormat.ToDisplayString(value)}'");
            }

            result[GroovyFormat.ToDisplayString(key)] = (int)NumberMath.ToLong(value!);
        }

        return result;
    }

    private static string Project(StepContext context)
    {
        var project = context.RequiredString("project");
        return ProjectNames().IsMatch(project) ? project
            : throw context.Abort($"{context.Step.Name}: invalid project name '{project}': lowercase letters, digits, '-' and '_', starting with a letter or digit");
    }

    /// <summary><c>match: [header: 'X-Version', value: 'green']</c> or <c>match: [cookie: 'canary', value: 'yes']</c>.</summary>
    private static AbMatchRule? Match(StepContext context)
    {
        if (context.Argument("match", int.MaxValue) is not { } argument)
        {
            return null;
        }

        if (argument is not GroovyMap map || !map.TryGetValue("value", out var value) || value is null
            || (map.TryGetValue("header", out var header) ? 1 : 0) + (map.TryGetValue("cookie", out var cookie) ? 1 : 0) != 1
            || map.Count != 2)
        {
            throw context.Abort("composeDeploy: match: is [header: 'NAME', value: 'VALUE'] or [cookie: 'NAME', value: 'VALUE']");
        }

        return header is not null
            ? new AbMatchRule(AbMatchKind.Header, GroovyFormat.ToDisplayString(header), GroovyFormat.ToDisplayString(value))
            : new AbMatchRule(AbMatchKind.Cookie, GroovyFormat.ToDisplayString(cookie), GroovyFormat.ToDisplayString(value));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ProjectNames();
}
