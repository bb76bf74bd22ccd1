using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// Holds the runtime to the step catalog (Parser's <see cref="StepCatalog"/>, the one declaration of
/// every step): an implementation binds to its entry by name, and a build's steps must be exactly the
/// entries that run (of the core and of the extensions the build has). A mismatch is a bug in
/// containercd and fails at once, naming the step, rather than letting lint and run disagree.
/// </summary>
public static class StepBinding
{
    /// <summary>The catalog entry of an implementation named <paramref name="name"/>.</summary>
    public static StepInfo Bind(string name)
    {
        if (!StepCatalog.Steps.TryGetValue(name, out var info))
        {
            throw new InvalidOperationException($"Step '{name}' has an implementation but no entry in the step catalog (Parser/Validation/Metadata/StepCatalog.cs): declare it there, so that lint knows it.");
        }

        return info.Runs
            ? info
            : throw new InvalidOperationException($"Step '{name}' has an implementation but the step catalog declares it {info.Support}: declare it with Runs(...).");
    }

    /// <summary>
    /// Checks a build's steps against the catalog: the core's steps are the catalog's core entries, each
    /// extension's steps are its entries, and no entry that runs here lacks an implementation.
    /// </summary>
    public static void Verify(IEnumerable<IStep> core, IReadOnlyDictionary<string, IEnumerable<IStep>> extensions)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(extensions);
        var implemented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (extension, steps) in extensions.Select(e => ((string?)e.Key, e.Value)).Prepend((null, core)))
        {
            foreach (var step in steps)
            {
                if (step.Info.Extension != extension)
                {
                    throw new InvalidOperationException($"Step '{step.Name}' is implemented by {Describe(extension)} but the step catalog gives it to {Describe(step.Info.Extension)}.");
                }

                implemented.Add(step.Name);
            }
        }

        var missing = StepCatalog.Steps.Values
            .Where(s => s.Runs && (s.Extension is null || extensions.ContainsKey(s.Extension)) && !implemented.Contains(s.Name))
            .Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The step catalog says containercd runs {string.Join(", ", missing)}, but nothing implements {(missing.Count == 1 ? "it" : "them")}.");
        }

        var symbols = StepCatalog.Steps.Values.Where(s => s.Support == StepSupport.Symbol && !DescribableValue.Symbols.Contains(s.Name)).Select(s => s.Name).ToList();
        if (symbols.Count > 0)
        {
            throw new InvalidOperationException($"The step catalog declares symbols run does not build: {string.Join(", ", symbols)}.");
        }
    }

    /// <summary>
    /// Why a catalog step this build has no implementation of cannot run, as the error the build fails
    /// with (the words lint warns with, for a step run does not implement); null for a name that is no step.
    /// </summary>
    public static GroovyException? Unavailable(string name) =>
        !StepCatalog.Steps.TryGetValue(name, out var info) ? null
        : info.Support == StepSupport.NotSupported ? StepErrors.Abort(DiagnosticCatalog.UnsupportedStepMessage(name))
        : info is { Runs: true, Extension: { } extension } ? StepErrors.Abort($"step '{name}' needs containercd's {extension} extension, which this build runs without (no {extension} engine was configured)")
        : null;

    /// <summary>A step the config declares a no-op (<c>noopSteps</c>): logged as skipped, as Jenkins users see a step.</summary>
    public static void SkipNoop(BuildContext build, FlowContext flow, string name)
    {
        ArgumentNullException.ThrowIfNull(build);
        build.PipelineLine(flow, name);
        build.Log(flow, $"Skipped {name}: it only does something on a Jenkins controller (declared a no-op step in the config)");
    }

    private static string Describe(string? extension) => extension is null ? "the core runtime" : $"the {extension} extension";
}
