using System.Collections.Immutable;
using ContainerCd.Parser.Validation;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Cli;

/// <summary><c>containercd lint --config FILE</c>: what run knows from its config file, so that lint and run agree.</summary>
internal static class LintConfig
{
    /// <summary>
    /// The steps run skips as no-ops, and the tool installs (unless <c>--tool</c> gave them). Null, with the
    /// error printed, for a bad file.
    /// </summary>
    public static ValidationOptions? Apply(ValidationOptions options, string path, TextWriter error)
    {
        RuntimeConfig config;
        try
        {
            config = ConfigLoader.Load(path);
        }
        catch (ConfigException e)
        {
            error.WriteLine("containercd lint: " + e.Message);
            return null;
        }

        return options with
        {
            NoopSteps = [.. config.NoopSteps],
            ToolInstallations = options.ToolInstallations ?? (config.Tools.IsEmpty ? null
                : config.Tools.GroupBy(t => t.Type).ToImmutableDictionary(g => g.Key, g => g.Select(t => t.Name).ToImmutableArray(), StringComparer.Ordinal)),
        };
    }
}
