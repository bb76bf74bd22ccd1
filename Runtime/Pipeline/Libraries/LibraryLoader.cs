using System.Diagnostics;
using ContainerCd.Parser;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Libraries;

/// <summary>
/// Loads shared libraries from the config: a folder, or a git repository checked out at the version
/// asked for. Each <c>vars/NAME.groovy</c> becomes a global variable. Classes under <c>src/</c> are not
/// supported (the interpreter runs scripts, not Groovy classes): they are recorded so that using one says so.
/// </summary>
internal sealed class LibraryLoader
{
    private readonly BuildContext _build;
    private readonly Dictionary<string, LibraryVar> _vars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

    public LibraryLoader(BuildContext build)
    {
        _build = build;
    }

    public IReadOnlyDictionary<string, LibraryVar> Vars => _vars;

    /// <summary>Classes under the loaded libraries' <c>src/</c> (qualified name → library), which the runtime does not run.</summary>
    public Dictionary<string, string> SourceClasses { get; } = new(StringComparer.Ordinal);

    /// <summary>Pipelines declared inside library sources, by source, for <c>pipeline { }</c> calls made there.</summary>
    public Dictionary<SourceText, PipelineNode> Pipelines { get; } = [];

    public async ValueTask LoadAsync(string reference, FlowContext flow)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var version = at < 0 ? null : reference[(at + 1)..];
        if (!_loaded.Add(name))
        {
            return;
        }

        var definition = _build.Request.Config.Libraries.FirstOrDefault(l => l.Name == name)
            ?? throw StepErrors.Abort($"No library named {name} found: declare it under libraries: in the config file");
        version ??= definition.DefaultVersion;
        _build.Log(flow, $"Loading library {name}@{version ?? "default"}");
        var root = await SourceAsync(definition, version).ConfigureAwait(false);
        var src = Path.Combine(root, "src");
        if (Directory.Exists(src))
        {
            foreach (var file in Directory.EnumerateFiles(src, "*.groovy", SearchOption.AllDirectories))
            {
                SourceClasses[Path.ChangeExtension(Path.GetRelativePath(src, file), null).Replace(Path.DirectorySeparatorChar, '.')] = name;
            }
        }

        var vars = Path.Combine(root, "vars");
        if (!Directory.Exists(vars))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(vars, "*.groovy").Order(StringComparer.Ordinal))
        {
            var varName = Path.GetFileNameWithoutExtension(file);
            var source = new SourceText(file, await File.ReadAllTextAsync(file).ConfigureAwait(false));
            var parsed = Jenkinsfile.Parse(source);
            if (parsed.Script is null || parsed.Diagnostics.Any(d => d.IsError && d.Code.StartsWith("JP0", StringComparison.Ordinal)))
            {
                throw StepErrors.Abort($"Library {name}: {file} does not compile: " + string.Join("; ", parsed.Diagnostics.Where(d => d.IsError).Select(d => d.Message)));
            }

            if (parsed.Pipeline is not null)
            {
                Pipelines[source] = parsed.Pipeline;
            }

            var script = new ScriptObject(varName, parsed.Script, source);
            var frame = _build.Interpreter.CreateFrame(script, flow);
            foreach (var statement in parsed.Script.Statements.OfType<Parser.Ast.Statements.DeclarationStatement>())
            {
                if (statement.Annotations.Any(a => a.SimpleName == "Field"))
                {
                    await _build.Interpreter.ExecuteAsync(statement, frame).ConfigureAwait(false);
                }
            }

            _vars[varName] = new LibraryVar(varName, script);
        }
    }

    private async ValueTask<string> SourceAsync(LibraryDefinition definition, string? version)
    {
        if (definition.Path is { } path)
        {
            return Path.GetFullPath(path);
        }

        if (definition.GitUrl is not { } url)
        {
            throw StepErrors.Abort($"Library {definition.Name} has neither a path nor a git URL in the config file");
        }

        var target = Path.Combine(_build.Request.Home, "libraries", definition.Name, version ?? "default");
        if (!Directory.Exists(Path.Combine(target, ".git")))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await GitAsync(null, "clone", "--quiet", url, target).ConfigureAwait(false);
        }
        else
        {
            await GitAsync(target, "fetch", "--quiet", "origin").ConfigureAwait(false);
        }

        if (version is not null)
        {
            await GitAsync(target, "checkout", "--quiet", "--force", version).ConfigureAwait(false);
            await GitAsync(target, "reset", "--quiet", "--hard", "origin/" + version).ConfigureAwait(false);
        }

        return target;
    }

    private static async Task GitAsync(string? directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw StepErrors.Abort("Cannot run git");
        var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 && arguments[0] != "reset")
        {
            throw StepErrors.Abort($"git {string.Join(' ', arguments)} failed: {error.Trim()}");
        }
    }
}
