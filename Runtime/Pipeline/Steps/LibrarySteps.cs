using ContainerCd.Parser;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The steps that bring in code or text from outside the Jenkinsfile: library, readTrusted and load.</summary>
internal static class LibrarySteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("library", LibraryAsync);
        yield return new DelegateStep("readTrusted", ReadTrustedAsync);
        yield return new DelegateStep("load", LoadAsync);
    }

    private static async ValueTask<object?> LibraryAsync(StepContext context)
    {
        var reference = context.Text("identifier") ?? throw context.Abort("Missing required parameter: \"identifier\" for step library");
        await context.Build.Libraries.LoadAsync(reference, context.Flow).ConfigureAwait(false);
        return null;
    }

    /// <summary>readTrusted(path): a file of the project the Jenkinsfile came from, as it is there (not the workspace's copy).</summary>
    private static async ValueTask<object?> ReadTrustedAsync(StepContext context)
    {
        var relative = context.RequiredString("path");
        var root = context.Build.Request.SourceDirectory ?? throw context.Abort("readTrusted needs the Jenkinsfile to come from a project directory");
        var project = new WorkspaceArea(root) { Name = "project" };
        var trusted = project.Resolve(root, relative);
        if (!trusted.IsInside)
        {
            throw context.Abort(project.Refusal(relative, trusted));
        }

        return File.Exists(trusted.FullPath)
            ? await File.ReadAllTextAsync(trusted.FullPath, context.CancellationToken).ConfigureAwait(false)
            : throw context.Abort($"No such file {relative} in {root}");
    }

    /// <summary>
    /// load(path), as Jenkins' LoadStepExecution: reads the Groovy file in the current directory of the
    /// workspace, runs it as a script of its own (Script1, Script2...) sharing the Jenkinsfile's binding,
    /// between <c>{ (path)</c> and <c>}</c>, and returns what it returns: <c>return this</c> gives the
    /// script object, whose methods the caller then calls.
    /// </summary>
    private static async ValueTask<object?> LoadAsync(StepContext context)
    {
        var relative = context.RequiredString("path");
        var path = context.ResolvePath(relative);
        if (!File.Exists(path))
        {
            throw context.Abort("java.nio.file.NoSuchFileException: " + path);
        }

        var text = await File.ReadAllTextAsync(path, context.CancellationToken).ConfigureAwait(false);
        var source = new SourceText(relative, text);
        var parsed = Jenkinsfile.ParseScript(source);
        if (parsed.Script is null || parsed.Diagnostics.Any(d => d.IsError))
        {
            throw GroovyException.Create("org.codehaus.groovy.control.MultipleCompilationErrorsException", JenkinsErrorReport.Render(source, parsed.Diagnostics));
        }

        var script = new ScriptObject(context.Build.NextScriptName(), parsed.Script, source, context.Frame.Script.Binding);
        context.PipelineLine("{ (" + relative + ")");
        try
        {
            return await context.Interpreter.RunScriptAsync(script, context.Flow).ConfigureAwait(false);
        }
        finally
        {
            context.PipelineLine("}");
            context.PipelineLine("// load");
        }
    }
}
