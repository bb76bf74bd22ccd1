using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Scm;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Server.Jobs;

// Repository jobs of the config file (repository:, branch:, scriptPath:, credentialsId:, webhookSecret:, multibranch:,
// discover:, scanInterval:) and the children multibranch scans keep in the store.
internal sealed partial class JobCatalog
{
    private static readonly string[] RepositoryKeys = ["repository", "branch", "scriptPath", "credentialsId", "webhookSecret", "multibranch", "discover", "scanInterval"];

    /// <summary>A multibranch job's children, as its last scan left them (retired ones included), by name.</summary>
    public IReadOnlyList<JobDefinition> Children(JobDefinition parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (_store is null || !parent.IsMultibranch)
        {
            return [];
        }

        return [.. _store.LoadBranchHeads(parent.Name).Select(head => Child(parent, head)).OrderBy(child => child.Name, StringComparer.Ordinal)];
    }

    /// <summary>The child job a scan found for <paramref name="head"/>: the parent's repository, on that branch.</summary>
    public static JobDefinition Child(JobDefinition parent, BranchHead head)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(head);
        return new JobDefinition(head.FullName, parent.JenkinsfilePath, "multibranch " + parent.Name)
        {
            Repository = parent.Repository! with { Branch = head.RefName },
            Branch = head,
        };
    }

    private static JobRepository ReadRepository(string configFile, string baseDirectory, string job, YamlMappingNode node)
    {
        string Where(YamlNode at) => $"{configFile}({at.Start.Line},{at.Start.Column}): job '{job}'";
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!RepositoryKeys.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{Where(key)}: unknown key '{name}' (a repository job has {string.Join(", ", RepositoryKeys)})");
            }

            values[name] = value;
        }

        string? Text(string key) => values.TryGetValue(key, out var value)
            ? value is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw new InvalidDataException($"{Where(value)}: '{key}' needs a value")
            : null;

        var url = Text("repository")!;
        try
        {
            // A relative local path is relative to the config file, as Jenkinsfile paths are.
            var remote = GitRemote.Parse(url, baseDirectory);
            url = remote.Transport == GitTransport.Local ? remote.FetchUrl : remote.Url;
        }
        catch (GitException e)
        {
            throw new InvalidDataException($"{Where(values["repository"])}: {e.Message}", e);
        }

        var multibranch = Text("multibranch") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new InvalidDataException($"{Where(values["multibranch"])}: multibranch is true or false, not '{other}'"),
        };
        if (multibranch && values.TryGetValue("branch", out var branchNode))
        {
            throw new InvalidDataException($"{Where(branchNode)}: a multibranch job builds every branch holding its script path; 'branch' is for single-branch jobs");
        }

        if (!multibranch && values.TryGetValue("discover", out var discoverNode) | values.TryGetValue("scanInterval", out var intervalNode))
        {
            throw new InvalidDataException($"{Where(discoverNode ?? intervalNode!)}: 'discover' and 'scanInterval' are for multibranch jobs (multibranch: true)");
        }

        return new JobRepository(url, Text("scriptPath") ?? JobRepository.DefaultScriptPath)
        {
            Branch = Text("branch"),
            CredentialsId = Text("credentialsId"),
            WebhookSecretId = Text("webhookSecret"),
            Multibranch = multibranch,
            Discover = values.TryGetValue("discover", out var discover) ? ReadDiscover(Where(discover), discover) : ["branches"],
            ScanInterval = values.TryGetValue("scanInterval", out var interval) ? ReadInterval(Where(interval), interval) : null,
        };
    }

    private static ImmutableArray<string> ReadDiscover(string where, YamlNode node)
    {
        var kinds = node switch
        {
            YamlScalarNode scalar => [scalar.Value ?? string.Empty],
            YamlSequenceNode sequence => sequence.Children.Select(c => (c as YamlScalarNode)?.Value ?? string.Empty).ToList(),
            _ => [],
        };
        if (kinds.Count == 0 || kinds.Any(k => k is not ("branches" or "tags" or "pullRequests")))
        {
            throw new InvalidDataException($"{where}: discover lists what a scan makes jobs of: branches, tags, pullRequests; not '{string.Join(", ", kinds)}'");
        }

        return [.. kinds.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>An interval as <c>30s</c>, <c>5m</c>, <c>1h</c> or <c>1d</c> (Jenkins' periodic folder trigger offers minutes to days).</summary>
    internal static TimeSpan ReadInterval(string where, YamlNode node)
    {
        var text = (node as YamlScalarNode)?.Value ?? string.Empty;
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? interval = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (interval is { } found)
            {
                return found;
            }
        }

        throw new InvalidDataException($"{where}: scanInterval is a number and a unit, e.g. 30s, 5m, 1h, 1d; not '{text}'");
    }
}
