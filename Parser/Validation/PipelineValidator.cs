using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// The declarative model's validation as its own pass, after Jenkins' ModelValidatorImpl: required
/// and empty sections, stage structure, names of options, triggers, parameters, tools, agents, when
/// conditions and post conditions, and the arguments of steps. Every error is reported.
/// </summary>
internal sealed partial class PipelineValidator
{
    private readonly SourceText _source;
    private readonly ValidationOptions _options;
    private readonly List<Diagnostic> _diagnostics;
    private readonly ImmutableHashSet<string> _scriptMethods;

    public PipelineValidator(SourceText source, ValidationOptions options, ImmutableHashSet<string> scriptMethods, List<Diagnostic> diagnostics)
    {
        _source = source;
        _options = options;
        _scriptMethods = scriptMethods;
        _diagnostics = diagnostics;
    }

    public void Validate(PipelineNode pipeline)
    {
        var start = new SourceSpan(pipeline.Span.Start, Math.Min(pipeline.Span.Length, "pipeline".Length));
        if (pipeline.Agent is null)
        {
            Report(DiagnosticCatalog.RequiredSection(start, "agent"));
        }
        else
        {
            ValidateAgent(pipeline.Agent);
        }

        _engine = EngineOf(pipeline.Agent);
        if (pipeline.Stages is null)
        {
            Report(DiagnosticCatalog.RequiredSection(start, "stages"));
        }
        else
        {
            ValidateStages(pipeline.Stages, insideParallel: false);
        }

        ValidateEnvironment(pipeline.Environment);
        ValidateOptions(pipeline.Options);
        ValidateParameters(pipeline.Parameters);
        ValidateTriggers(pipeline.Triggers);
        ValidateTools(pipeline.Tools);
        ValidatePost(pipeline.Post);
        if (pipeline.Libraries is { Libraries.IsEmpty: true } libraries)
        {
            Report(DiagnosticCatalog.EmptySection(libraries.Span, "libraries"));
        }
    }

    private void ValidateStages(StagesNode stages, bool insideParallel)
    {
        if (stages.Stages.IsEmpty)
        {
            Report(DiagnosticCatalog.NoStages(stages.Span));
        }

        ReportDuplicateNames(stages.Stages);
        foreach (var stage in stages.Stages)
        {
            ValidateStage(stage, insideParallel);
        }
    }

    /// <summary>Stage names must differ among siblings (one stages or parallel list), as Jenkins checks.</summary>
    private void ReportDuplicateNames(ImmutableArray<StageNode> siblings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in siblings)
        {
            if (!names.Add(stage.Name))
            {
                Report(DiagnosticCatalog.DuplicateStageName(stage.NameSpan, stage.Name));
            }
        }
    }

    private void ValidateStage(StageNode stage, bool insideParallel)
    {
        var parallelSteps = stage.Steps is { IsParallel: true } ? stage.Steps : null;
        var hasSteps = stage.Steps is not null && (parallelSteps is null || HasParallelBranches(parallelSteps.Steps[0]));
        var contents = (hasSteps ? 1 : 0) + (stage.Stages is null ? 0 : 1) + (stage.Parallel is null ? 0 : 1) + (stage.Matrix is null ? 0 : 1);
        if (contents == 0)
        {
            Report(DiagnosticCatalog.NothingForStage(stage.Span, stage.Name));
        }
        else if (contents > 1)
        {
            Report(DiagnosticCatalog.OnlyOneOfStageContent(stage.Span, stage.Name));
        }

        var isParallel = stage.Parallel is not null || stage.Matrix is not null || (parallelSteps is not null && hasSteps);
        if (insideParallel && isParallel)
        {
            Report(DiagnosticCatalog.NestedParallelOrMatrix(stage.Span));
        }

        if (stage.Parallel is not null || stage.Matrix is not null)
        {
            if (stage.Directives.Agent is { } agent)
            {
                Report(DiagnosticCatalog.NotAllowedWithParallel(agent.Span, "agent", stage.Name));
            }

            if (stage.Directives.Tools is { } tools)
            {
                Report(DiagnosticCatalog.NotAllowedWithParallel(tools.Span, "tools", stage.Name));
            }
        }

        var outerEngine = _engine;
        if (stage.Directives.Agent is { } stageAgent)
        {
            _engine = EngineOf(stageAgent);
        }

        ValidateDirectives(stage.Directives);
        if (stage.Steps is not null && hasSteps)
        {
            ValidateSteps(stage.Steps, stageLevel: true);
        }

        if (stage.Stages is not null)
        {
            ValidateStages(stage.Stages, insideParallel);
        }

        if (stage.Parallel is not null)
        {
            if (stage.Parallel.Stages.IsEmpty)
            {
                Report(DiagnosticCatalog.NoStages(stage.Parallel.Span));
            }

            ReportDuplicateNames(stage.Parallel.Stages);
            foreach (var branch in stage.Parallel.Stages)
            {
                ValidateStage(branch, insideParallel: true);
            }
        }

        if (stage.Matrix is not null)
        {
            ValidateMatrix(stage.Matrix);
        }

        _engine = outerEngine;
    }

    private static bool HasParallelBranches(StepNode parallel) =>
        parallel.Arguments.Named.Any(n => n.Name != "failFast")
        || parallel.Arguments.Positional.OfType<MapExpression>().Any(m => m.Entries.Any(e => e.Name != "failFast"));

    private void ValidateDirectives(StageDirectives directives)
    {
        if (directives.Agent is { } agent)
        {
            ValidateAgent(agent);
        }

        ValidateEnvironment(directives.Environment);
        ValidateOptions(directives.Options);
        ValidateTools(directives.Tools);
        ValidatePost(directives.Post);
        ValidateWhen(directives.When);
        ValidateInput(directives.Input);
    }

    private void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    private string ValueText(Expression expression) => JenkinsValues.Text(expression, _source);
}
