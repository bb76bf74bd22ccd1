using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Declarative;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Syntax;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation;

namespace ContainerCd.Parser;

/// <summary>The entry point: parse a Jenkinsfile's text into its Groovy AST, declarative model and diagnostics.</summary>
public static class Jenkinsfile
{
    /// <summary>
    /// Parses the Groovy, builds the declarative model from <c>pipeline { }</c> and validates it as
    /// Jenkins does. Never throws for bad input: every problem is a diagnostic. Its time is linear in the input.
    /// </summary>
    public static JenkinsfileParseResult Parse(SourceText source, ValidationOptions? options = null) =>
        ParseOrCancel(source, options, CancellationToken.None);

    /// <summary>
    /// <see cref="Parse"/>, stopped with an <see cref="OperationCanceledException"/> once <paramref name="cancellationToken"/>
    /// is canceled (a server's deadline for one request).
    /// </summary>
    public static JenkinsfileParseResult ParseOrCancel(SourceText source, ValidationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var script = GroovySyntax.Parse(source, diagnostics, cancellationToken: cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        PipelineNode? pipeline = null;
        if (script is not null && !diagnostics.Any(d => d.IsError))
        {
            options ??= ValidationOptions.Default;
            var methods = script.Methods.Select(m => m.Name).ToImmutableHashSet(StringComparer.Ordinal);
            pipeline = new DeclarativeModelBuilder(source, diagnostics).Build(script);
            if (pipeline is not null)
            {
                new PipelineValidator(source, options, methods, diagnostics).Validate(pipeline);
            }

            new UnsupportedStepFinder(options, methods, diagnostics).Visit(script);
            new CronSpecChecker(diagnostics).Visit(script);
        }

        return new JenkinsfileParseResult(source, script, pipeline, Sort(diagnostics));
    }

    /// <summary>Parses the Groovy only (no declarative model, no validation).</summary>
    public static ScriptParseResult ParseScript(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var script = GroovySyntax.Parse(source, diagnostics);
        return new ScriptParseResult(source, script, Sort(diagnostics));
    }

    private static ImmutableArray<Diagnostic> Sort(List<Diagnostic> diagnostics) =>
        [.. diagnostics.Distinct().OrderBy(d => d.Span.Start)];
}

/// <summary>A Jenkinsfile parsed as Groovy; <see cref="Script"/> is null when the text could not be parsed at all.</summary>
public sealed record ScriptParseResult(SourceText Source, ScriptNode? Script, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// A parsed Jenkinsfile. <see cref="Pipeline"/> is null for a scripted pipeline (no <c>pipeline { }</c>)
/// and when the Groovy has syntax errors; <see cref="Script"/> is null when the text could not be parsed.
/// </summary>
public sealed record JenkinsfileParseResult(
    SourceText Source,
    ScriptNode? Script,
    PipelineNode? Pipeline,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
