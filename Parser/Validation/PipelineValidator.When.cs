using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Declarative;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Parser.Validation;

internal sealed partial class PipelineValidator
{
    private void ValidateWhen(WhenNode? when)
    {
        if (when is null)
        {
            return;
        }

        if (when.Conditions.IsEmpty)
        {
            Report(DiagnosticCatalog.EmptyWhen(when.Span));
        }

        foreach (var condition in when.Conditions)
        {
            ValidateCondition(condition);
        }
    }

    private void ValidateCondition(WhenConditionNode condition)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (!DirectiveCatalog.WhenConditions.TryGetValue(condition.Name, out var info))
        {
            Report(DiagnosticCatalog.UnknownWhenConditional(condition.NameSpan, condition.Name,
                DeclarativeVocabulary.JavaList(DirectiveCatalog.WhenConditions.Keys.Order(StringComparer.Ordinal))));
            return;
        }

        switch (condition.Name)
        {
            case "allOf" or "anyOf" or "not":
                if (!condition.Arguments.IsEmpty)
                {
                    Report(DiagnosticCatalog.NestedWhenNoArguments(condition.NameSpan, condition.Name));
                }

                if (condition.Name == "not" && condition.Children.Length != 1)
                {
                    Report(DiagnosticCatalog.NestedWhenWrongChildrenCount(condition.NameSpan, condition.Name, 1));
                }
                else if (condition.Children.IsEmpty)
                {
                    Report(DiagnosticCatalog.NestedWhenWithoutChildren(condition.NameSpan, condition.Name));
                }

                foreach (var child in condition.Children)
                {
                    ValidateCondition(child);
                }

                return;
            case "expression":
                return;
        }

        if (condition.HasBlock)
        {
            Report(DiagnosticCatalog.NoNestedWhenAllowed(condition.NameSpan, condition.Name));
            return;
        }

        CheckArgumentValues(condition.Arguments);
        CheckArguments(info, condition.Name, condition.Arguments, condition.NameSpan, isStep: true);
        if (condition.Name == "changelog"
            && (condition.Arguments.FindNamed("pattern")?.Value ?? condition.Arguments.Positional.FirstOrDefault()) is StringLiteral pattern
            && JavaRegex.Check(pattern.Value) is { } problem)
        {
            Report(DiagnosticCatalog.InvalidRegularExpression(pattern.Span, pattern.Value, problem));
        }
    }
}
