using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Server.Jobs;

// Repository jobs defined through the REST API: the same settings as a config file's repository: job, sent as JSON
// or YAML, validated as the config file is and kept in the store.
internal sealed partial class JobCatalog
{
    private const string RequestBody = "request body";

    /// <summary>
    /// Creates or replaces the repository job <paramref name="name"/> from its settings (<c>{"repository": URL, ...}</c>);
    /// true when it was created. Bad settings throw <see cref="InvalidDataException"/> with a position in the body; a
    /// name the config file or the jobs folder already uses throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public (JobDefinition Job, bool Created) Define(string name, string settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        var store = _store ?? throw new InvalidOperationException("This catalog has no store to keep job definitions in");
        if (!IsValidName(name))
        {
            throw new InvalidDataException($"job '{name}' needs a name of letters, digits, '.', '_' or '-'");
        }

        if (_configured.ContainsKey(name) || FromFolder().Any(j => j.Name == name))
        {
            throw new InvalidOperationException($"job '{name}' is defined in {(_configured.ContainsKey(name) ? "the config file" : "the jobs folder")}: change it there");
        }

        var job = Parse(name, settings);
        return (job, store.SaveJobDefinition(name, settings));
    }

    /// <summary>Removes a job defined through the API (its builds stay); false when there is none such.</summary>
    public bool Undefine(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_configured.ContainsKey(name))
        {
            throw new InvalidOperationException($"job '{name}' is defined in the config file: remove it there");
        }

        return _store?.DeleteJobDefinition(name) ?? false;
    }

    private IEnumerable<JobDefinition> FromApi() =>
        _store is null ? [] : _store.LoadJobDefinitions().Select(d => Parse(d.Key, d.Value) with { Source = "api" });

    private static JobDefinition Parse(string name, string settings)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(settings));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{RequestBody}({e.Start.Line},{e.Start.Column}): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{RequestBody}: not JSON or YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping || !mapping.Children.ContainsKey(new YamlScalarNode("repository")))
        {
            throw new InvalidDataException($"{RequestBody}: a job's settings, at least {{\"repository\": URL}} (with branch, scriptPath, credentialsId, webhookSecret, multibranch, discover, scanInterval)");
        }

        // A local path is taken as it is given (absolute, or relative to the server's working folder).
        return new JobDefinition(name, JobRepository.DefaultScriptPath, "api")
        {
            Repository = ReadRepository(RequestBody, Environment.CurrentDirectory, name, mapping),
        };
    }
}
