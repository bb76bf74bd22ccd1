using System.Text.RegularExpressions;
using ContainerCd.Runtime.Pipeline.Configuration;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Server.Jobs;

/// <summary>
/// The jobs: from the config file's <c>jobs:</c> section (name → Jenkinsfile path, relative to the
/// config file), defined through the REST API (repository jobs, kept in the store) and from the <c>jobs/</c> folder under the home folder (<c>jobs/NAME/Jenkinsfile</c> or
/// <c>jobs/NAME.Jenkinsfile</c>). The folder is read again on every lookup, so new jobs need no restart.
/// A config job may instead live in a repository (<c>repository:</c>, see <see cref="JobRepository"/>); a multibranch
/// one has children, one per branch, kept in the store by its scans (<c>parent/branch</c>, see <see cref="BranchHead"/>).
/// Job names are letters, digits, '.', '_' and '-'.
/// </summary>
internal sealed partial class JobCatalog
{
    private readonly Dictionary<string, JobDefinition> _configured;
    private readonly string _jobsFolder;
    private readonly Storage.BuildStore? _store;

    public JobCatalog(string? configFile, string jobsFolder, Storage.BuildStore? store = null)
    {
        _jobsFolder = jobsFolder;
        _store = store;
        _configured = configFile is null ? new Dictionary<string, JobDefinition>() : ReadConfig(configFile);
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public IReadOnlyList<JobDefinition> All()
    {
        var jobs = new Dictionary<string, JobDefinition>(_configured, StringComparer.Ordinal);
        foreach (var job in FromApi().Concat(FromFolder()))
        {
            jobs.TryAdd(job.Name, job);
        }

        return [.. jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal)];
    }

    public JobDefinition? Find(string name)
    {
        if (name.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
        {
            return Find(name[..slash]) is { IsMultibranch: true } parent
                ? Children(parent).FirstOrDefault(child => child.Name == name)
                : null;
        }

        if (_configured.TryGetValue(name, out var job))
        {
            return job;
        }

        return IsValidName(name) ? FromApi().Concat(FromFolder()).FirstOrDefault(j => j.Name == name) : null;
    }

    private IEnumerable<JobDefinition> FromFolder()
    {
        if (!Directory.Exists(_jobsFolder))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_jobsFolder))
        {
            var name = Path.GetFileName(folder);
            var file = Path.Combine(folder, "Jenkinsfile");
            if (IsValidName(name) && File.Exists(file))
            {
                yield return new JobDefinition(name, file, "jobs folder");
            }
        }

        foreach (var file in Directory.EnumerateFiles(_jobsFolder, "*.Jenkinsfile"))
        {
            var name = Path.GetFileName(file)[..^".Jenkinsfile".Length];
            if (IsValidName(name))
            {
                yield return new JobDefinition(name, file, "jobs folder");
            }
        }
    }

    private static Dictionary<string, JobDefinition> ReadConfig(string configFile)
    {
        var jobs = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var root = ConfigLoader.ReadRoot(File.ReadAllText(configFile), configFile);
        if (root is null || !root.Children.TryGetValue(new YamlScalarNode("jobs"), out var jobsNode))
        {
            return jobs;
        }

        if (jobsNode is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"{configFile}: 'jobs' must map job names to Jenkinsfile paths or repositories.");
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (value is YamlMappingNode repositoryJob && repositoryJob.Children.ContainsKey(new YamlScalarNode("repository")))
            {
                if (!IsValidName(name))
                {
                    throw new InvalidDataException(
                        $"{configFile}({key.Start.Line},{key.Start.Column}): job '{name}' needs a name of letters, digits, '.', '_' or '-'.");
                }

                jobs[name] = new JobDefinition(name, JobRepository.DefaultScriptPath, "config file") { Repository = ReadRepository(configFile, baseDirectory, name, repositoryJob) };
                continue;
            }

            var path = value switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode("jenkinsfile"), out var file) => (file as YamlScalarNode)?.Value,
                _ => null,
            };
            if (!IsValidName(name) || string.IsNullOrWhiteSpace(path))
            {
                throw new InvalidDataException(
                    $"{configFile}({key.Start.Line},{key.Start.Column}): job '{name}' needs a name of letters, digits, '.', '_' or '-' and a Jenkinsfile path.");
            }

            jobs[name] = new JobDefinition(name, Path.GetFullPath(Path.Combine(baseDirectory, path)), "config file");
        }

        return jobs;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
