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
/// asked for. Each <c>vars/NAME.groovy</c> becomes a global variable; each class in <c>src/</c>
/// (<c>src/org/foo/Zot.groovy</c>: <c>org.foo.Zot</c>) can be created with <c>new</c>.
/// </summary>
internal sealed class LibraryLoader
{
    private readonly BuildContext _build;
    private readonly Dictionary<string, LibraryVar> _vars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _brokenSources = new(StringComparer.Ordinal);

    public LibraryLoader(BuildContext build)
    {
        _build = build;
    }

    public IReadOnlyDictionary<string, LibraryVar> Vars => _vars;

    /// <summary>Classes under the loaded libraries' <c>src/</c>, by qualified name.</summary>
    public Dictionary<string, ScriptClass> SourceClasses { get; } = new(StringComparer.Ordinal);

    /// <summary>A library class by qualified name, or by simple name (as an import makes it available).</summary>
    public ScriptClass? FindClass(string typeName)
    {
        if (SourceClasses.TryGetValue(typeName, out var exact))
        {
            return exact;
        }

        var simple = "." + typeName[(typeName.LastIndexOf('.') + 1)..];
        if (SourceClasses.Values.FirstOrDefault(c => c.QualifiedName.EndsWith(simple, StringComparison.Ordinal)) is { } imported)
        {
            return imported;
        }

        var broken = _brokenSources.FirstOrDefault(b => b.Key == typeName || b.Key.EndsWith(simple, StringComparison.Ordinal));
        return broken.Value is { } error ? throw StepErrors.Abort(error) : null;
    }

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
            foreach (var file in Directory.EnumerateFiles(src, "*.groovy", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                // src/org/foo/Zot.groovy: the file is org.foo.Zot, its classes are in package org.foo.
                var dotted = Path.ChangeExtension(Path.GetRelativePath(src, file), null).Replace(Path.DirectorySeparatorChar, '.');
                var package = dotted.Contains('.', StringComparison.Ordinal) ? dotted[..dotted.LastIndexOf('.')] : string.Empty;
                var source = new SourceText(file, await File.ReadAllTextAsync(file).ConfigureAwait(false));
                var parsedClass = Jenkinsfile.ParseScript(source);
                if (CompileError(name, file, parsedClass.Script, parsedClass.Diagnostics) is { } error)
                {
                    // As in Jenkins, a src/ file that does not compile fails the builds that use it, not the others.
                    _brokenSources[dotted] = error;
                    continue;
                }

                foreach (var declaration in parsedClass.Script!.Classes.Where(c => c.Kind == "class"))
                {
                    var qualified = package.Length > 0 ? package + "." + declaration.Name : declaration.Name;
                    SourceClasses[qualified] = new ScriptClass(qualified, declaration, parsedClass.Script, source);
                }
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
            var node = Compile(name, file, parsed.Script, parsed.Diagnostics);
            if (parsed.Pipeline is not null)
            {
                Pipelines[source] = parsed.Pipeline;
            }

            var script = new ScriptObject(varName, node, source);
            var frame = _build.Interpreter.CreateFrame(script, flow);
            foreach (var statement in node.Statements.OfType<Parser.Ast.Statements.DeclarationStatement>())
            {
                if (statement.Annotations.Any(a => a.SimpleName == "Field"))
                {
                    await _build.Interpreter.ExecuteAsync(statement, frame).ConfigureAwait(false);
                }
            }

            _vars[varName] = new LibraryVar(varName, script);
        }
    }

    /// <summary>The parsed script of a library file, or the build's error when it has Groovy syntax errors.</summary>
    private static Parser.Ast.Script.ScriptNode Compile(string library, string file, Parser.Ast.Script.ScriptNode? script, System.Collections.Immutable.ImmutableArray<Parser.Diagnostics.Diagnostic> diagnostics) =>
        CompileError(library, file, script, diagnostics) is { } error ? throw StepErrors.Abort(error) : script!;

    private static string? CompileError(string library, string file, Parser.Ast.Script.ScriptNode? script, System.Collections.Immutable.ImmutableArray<Parser.Diagnostics.Diagnostic> diagnostics) =>
        script is null || diagnostics.Any(d => d.IsError && d.Code.StartsWith("JP0", StringComparison.Ordinal))
            ? $"Library {library}: {file} does not compile: " + string.Join("; ", diagnostics.Where(d => d.IsError).Select(d => d.Message))
            : null;

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
