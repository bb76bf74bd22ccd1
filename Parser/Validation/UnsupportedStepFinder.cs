using System.Collections.Immutable;
using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// Finds calls, in Groovy code (scripted pipelines, methods, <c>script { }</c> bodies), of steps the
/// catalog declares but <c>containercd run</c> does not implement, and warns about each as run would
/// fail it. A declarative <c>pipeline { }</c> call is not entered: the validator checks its steps.
/// </summary>
internal sealed class UnsupportedStepFinder(ValidationOptions options, ImmutableHashSet<string> scriptMethods, List<Diagnostic> diagnostics) : SyntaxWalker
{
    /// <summary>Whether <paramref name="name"/>, called on the script, is a step run would refuse.</summary>
    public static bool IsUnsupported(string name, ValidationOptions options, ImmutableHashSet<string> scriptMethods) =>
        StepCatalog.Steps.TryGetValue(name, out var step) && step.Support == StepSupport.NotSupported
        && !options.NoopSteps.Contains(name) && !scriptMethods.Contains(name);

    /// <summary>
    /// Warns about each parameter given to a step that run implements but cannot honour that parameter of
    /// (<see cref="StepInfo.UnsupportedParameters"/>); a flag given as literal <c>false</c> asks for nothing.
    /// </summary>
    public static void ReportUnsupportedParameters(StepInfo step, ArgumentList arguments, List<Diagnostic> diagnostics)
    {
        if (step.UnsupportedParameters.IsEmpty)
        {
            return;
        }

        foreach (var argument in arguments.Named)
        {
            if (argument.Name is { } name && step.UnsupportedParameters.TryGetValue(name, out var why)
                && argument.Value is not ConstantExpression { Value: false })
            {
                diagnostics.Add(DiagnosticCatalog.UnsupportedParameter(argument.Span, step.Name, name, why));
            }
        }
    }

    public override void Visit(Node? node)
    {
        if (node is MethodCallExpression { Target: null, DynamicName: null } call)
        {
            if (call.Name == "pipeline" && call.Arguments.TrailingClosure is not null)
            {
                return;
            }

            if (IsUnsupported(call.Name, options, scriptMethods))
            {
                diagnostics.Add(DiagnosticCatalog.UnsupportedStep(call.NameSpan, call.Name));
            }
            else if (!scriptMethods.Contains(call.Name) && StepCatalog.Steps.TryGetValue(call.Name, out var step))
            {
                ReportUnsupportedParameters(step, call.Arguments, diagnostics);
            }
        }

        base.Visit(node);
    }
}
