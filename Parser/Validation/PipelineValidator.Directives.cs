using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Declarative;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Parser.Validation;

internal sealed partial class PipelineValidator
{
    private void ValidateEnvironment(EnvironmentNode? environment)
    {
        if (environment is null)
        {
            return;
        }

        if (environment.Entries.IsEmpty)
        {
            Report(DiagnosticCatalog.NoEnvironmentVariables(environment.Span));
        }

        foreach (var entry in environment.Entries)
        {
            if (!JenkinsValues.IsValidIdentifier(entry.Name))
            {
                Report(DiagnosticCatalog.InvalidIdentifierInEnvironment(entry.NameSpan, entry.Name));
            }
        }
    }

    private void ValidateOptions(OptionsNode? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Options.IsEmpty)
        {
            Report(DiagnosticCatalog.EmptySection(options.Span, "options"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options.Options)
        {
            if (!seen.Add(option.Name))
            {
                Report(DiagnosticCatalog.DuplicateName(option.NameSpan, "option", option.Name));
            }

            CheckArgumentValues(option.Arguments);
            if (OptionCatalog.Blocked.TryGetValue(option.Name, out var directive))
            {
                Report(DiagnosticCatalog.JobPropertyInOptions(option.NameSpan, directive, directive));
                continue;
            }

            if (!OptionCatalog.Options.TryGetValue(option.Name, out var info) || (options.InStage && !info.AllowedInStage))
            {
                Report(DiagnosticCatalog.InvalidSectionType(option.NameSpan, "option", option.Name,
                    DeclarativeVocabulary.JavaList(OptionCatalog.ValidNames(options.InStage))));
                continue;
            }

            CheckArguments(info.Describable, option.Name, option.Arguments, option.NameSpan, isStep: info.Kind == OptionKind.Wrapper);
            if (info.Kind == OptionKind.Wrapper && UnsupportedStepFinder.IsUnsupported(option.Name, _options, _scriptMethods))
            {
                Report(DiagnosticCatalog.UnsupportedStep(option.NameSpan, option.Name));
            }
            else if (info.Kind == OptionKind.Wrapper && StepCatalog.Steps.TryGetValue(option.Name, out var wrapper))
            {
                UnsupportedStepFinder.ReportUnsupportedParameters(wrapper, option.Arguments, _diagnostics);
            }

            if (option.Name == "preserveStashes" && FindArgument(option, "buildCount") is { } buildCount
                && JenkinsValues.TryLiteral(buildCount, out var count) && count is int and (< 1 or > 50))
            {
                Report(DiagnosticCatalog.PreserveStashesRange(option.Span));
            }
        }
    }

    private static Expression? FindArgument(InvocationNode invocation, string name) =>
        invocation.Arguments.FindNamed(name)?.Value
        ?? (invocation.Arguments.Positional.Length == 1 ? invocation.Arguments.Positional[0] : null);

    private void ValidateParameters(ParametersNode? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        if (parameters.Parameters.IsEmpty)
        {
            Report(DiagnosticCatalog.EmptySection(parameters.Span, "parameters"));
        }

        ValidateInvocations(parameters.Parameters, DirectiveCatalog.BuildParameters, "parameter", checkDuplicates: false);
    }

    private void ValidateTriggers(TriggersNode? triggers)
    {
        if (triggers is null)
        {
            return;
        }

        if (triggers.Triggers.IsEmpty)
        {
            Report(DiagnosticCatalog.EmptySection(triggers.Span, "triggers"));
        }

        ValidateInvocations(triggers.Triggers, DirectiveCatalog.Triggers, "trigger", checkDuplicates: true);
    }

    private void ValidateInvocations(
        IEnumerable<InvocationNode> invocations,
        IReadOnlyDictionary<string, DescribableInfo> catalog,
        string kind,
        bool checkDuplicates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invocation in invocations)
        {
            if (checkDuplicates && !seen.Add(invocation.Name))
            {
                Report(DiagnosticCatalog.DuplicateName(invocation.NameSpan, kind, invocation.Name));
            }

            CheckArgumentValues(invocation.Arguments);
            if (!catalog.TryGetValue(invocation.Name, out var info))
            {
                Report(DiagnosticCatalog.InvalidSectionType(invocation.NameSpan, kind, invocation.Name,
                    DeclarativeVocabulary.JavaList(catalog.Keys.Order(StringComparer.Ordinal))));
                continue;
            }

            CheckArguments(info, invocation.Name, invocation.Arguments, invocation.NameSpan, isStep: false);
        }
    }

    private void ValidateTools(ToolsNode? tools)
    {
        if (tools is null)
        {
            return;
        }

        if (tools.Tools.IsEmpty)
        {
            Report(DiagnosticCatalog.NoTools(tools.Span));
        }

        foreach (var tool in tools.Tools)
        {
            if (!DirectiveCatalog.ToolTypes.Contains(tool.Name)
                && !(_options.ToolInstallations?.ContainsKey(tool.Name) ?? false))
            {
                // Which tool types exist depends on the controller's plugins: only a list of its
                // installations (--tool, the config's tools) makes an unknown one certainly wrong.
                var known = DeclarativeVocabulary.JavaList(DirectiveCatalog.ToolTypes);
                Report(_options.ToolInstallations is null
                    ? DiagnosticCatalog.UnknownToolType(tool.NameSpan, tool.Name, known)
                    : DiagnosticCatalog.InvalidSectionType(tool.NameSpan, "tool", tool.Name, known));
                continue;
            }

            if (_options.ToolInstallations is { } installations
                && tool.Arguments.Positional is [StringLiteral { Value: var version }]
                && installations.TryGetValue(tool.Name, out var installed)
                && !installed.Contains(version))
            {
                Report(DiagnosticCatalog.NoToolVersion(tool.Span, tool.Name, version, EditDistance.Nearest(version, installed) ?? string.Empty));
            }
        }
    }

    private void ValidatePost(PostNode? post)
    {
        if (post is null)
        {
            return;
        }

        if (post.Conditions.IsEmpty)
        {
            Report(DiagnosticCatalog.EmptySection(post.Span, "post"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in post.Conditions)
        {
            if (!DeclarativeVocabulary.PostConditions.Contains(condition.Condition))
            {
                Report(DiagnosticCatalog.InvalidBuildCondition(condition.NameSpan, condition.Condition,
                    DeclarativeVocabulary.JavaList(DeclarativeVocabulary.PostConditions)));
            }
            else if (!seen.Add(condition.Condition))
            {
                Report(DiagnosticCatalog.DuplicateBuildCondition(condition.NameSpan, condition.Condition));
            }

            ValidateSteps(condition.Steps, stageLevel: false);
        }
    }

    private void ValidateInput(InputNode? input)
    {
        if (input is null)
        {
            return;
        }

        if (input.GetField("message") is null)
        {
            Report(DiagnosticCatalog.MissingInputMessage(input.Span));
        }

        if (input.Parameters is { } parameters)
        {
            ValidateInvocations(parameters.Parameters, DirectiveCatalog.BuildParameters, "parameter", checkDuplicates: false);
        }
    }
}
