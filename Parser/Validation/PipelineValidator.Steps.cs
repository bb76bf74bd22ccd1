using System.Collections.Immutable;
using System.Numerics;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Parser.Validation;

internal sealed partial class PipelineValidator
{
    private void ValidateSteps(StepsNode steps, bool stageLevel)
    {
        if (steps.Steps.IsEmpty)
        {
            Report(DiagnosticCatalog.NoSteps(steps.Span));
        }

        foreach (var step in steps.Steps)
        {
            ValidateStep(step, parallelAllowed: stageLevel && steps.Steps.Length == 1);
        }
    }

    private void ValidateStep(StepNode step, bool parallelAllowed)
    {
        if (StepCatalog.Blocked.TryGetValue(step.Name, out var reason))
        {
            Report(DiagnosticCatalog.BlockedStep(step.NameSpan, step.Name, reason));
        }
        else if (step.Name == "parallel" && !parallelAllowed)
        {
            Report(DiagnosticCatalog.BlockedStep(step.NameSpan, step.Name, StepCatalog.ParallelNotAlone));
        }

        CheckEngine(step);
        var arguments = WithoutBody(step.Arguments);
        CheckArgumentValues(arguments);
        if (StepCatalog.Steps.TryGetValue(step.Name, out var info))
        {
            CheckArguments(info.Signature, step.Name, arguments, step.NameSpan, isStep: true);
            if (UnsupportedStepFinder.IsUnsupported(step.Name, _options, _scriptMethods))
            {
                Report(DiagnosticCatalog.UnsupportedStep(step.NameSpan, step.Name));
            }
            else
            {
                UnsupportedStepFinder.ReportUnsupportedParameters(info, arguments, _diagnostics);
            }
        }
        else if (!_scriptMethods.Contains(step.Name))
        {
            CheckMixedArguments(arguments, step.NameSpan);
            if (_options.WarnUnknownSteps)
            {
                Report(DiagnosticCatalog.UnknownStep(step.NameSpan, step.Name));
            }
        }

        foreach (var child in step.Children)
        {
            ValidateStep(child, parallelAllowed: false);
        }

        if (step.Children.IsEmpty && step.Body is { } groovy)
        {
            new UnsupportedStepFinder(_options, _scriptMethods, _diagnostics).Visit(groovy);
            if (_engine is { Isolated: false, DockerCli: false } remote)
            {
                new DockerCliFinder(remote.Name, _diagnostics).Visit(groovy);
            }
        }
    }

    private static ArgumentList WithoutBody(ArgumentList arguments) =>
        arguments.TrailingClosure is null ? arguments : arguments with { Positional = arguments.Positional.RemoveAt(arguments.Positional.Length - 1) };

    /// <summary>
    /// Checks arguments against what a step, option, trigger, parameter or condition takes (Jenkins'
    /// validateDescribable): names ("did you mean"), required ones, literal types and the number of
    /// unnamed arguments.
    /// </summary>
    private void CheckArguments(DescribableInfo info, string name, ArgumentList arguments, SourceSpan span, bool isStep)
    {
        if (!CheckMixedArguments(arguments, span) || !info.IsStrict)
        {
            return;
        }

        var positional = arguments.Positional;
        if (!arguments.Named.IsEmpty)
        {
            var names = info.Parameters.Select(p => p.Name).ToImmutableArray();
            foreach (var argument in arguments.Named)
            {
                if (argument.Name is not { } argumentName)
                {
                    continue;
                }

                if (info.Find(argumentName) is { } parameter)
                {
                    CheckType(parameter, argument.Value, named: true);
                }
                else if (names.IsEmpty)
                {
                    Report(DiagnosticCatalog.WrongNumberOfArguments(argument.Span, name, 0, arguments.Count));
                }
                else
                {
                    Report(DiagnosticCatalog.InvalidParameter(argument.Span, argumentName, EditDistance.Nearest(argumentName, names) ?? string.Empty));
                }
            }

            foreach (var required in info.Required)
            {
                if (arguments.FindNamed(required.Name) is null)
                {
                    Report(DiagnosticCatalog.MissingRequiredParameter(span, required.Name));
                }
            }

            return;
        }

        var requiredCount = info.Required.Length;
        if (positional.IsEmpty)
        {
            if (requiredCount > 0)
            {
                Report(isStep
                    ? DiagnosticCatalog.MissingRequiredParameter(span, info.Required[0].Name)
                    : DiagnosticCatalog.WrongNumberOfArguments(span, name, requiredCount, 0));
            }

            return;
        }

        if (positional.Length == 1 && positional[0] is not MapExpression)
        {
            if (info.SoleParameter is { } sole)
            {
                CheckType(sole, positional[0], named: false);
            }
            else if (info.Parameters.IsEmpty || !isStep)
            {
                Report(DiagnosticCatalog.WrongNumberOfArguments(span, name, requiredCount, 1));
            }
            else
            {
                Report(DiagnosticCatalog.NotSingleRequiredParameter(span));
            }

            return;
        }

        if (positional.Length == 1 || (!isStep && positional.Length == requiredCount))
        {
            return;
        }

        Report(DiagnosticCatalog.TooManyUnnamedParameters(span, name));
    }

    private bool CheckMixedArguments(ArgumentList arguments, SourceSpan span)
    {
        if (!arguments.Named.IsEmpty && !arguments.Positional.IsEmpty)
        {
            Report(DiagnosticCatalog.MixedNamedAndUnnamedArguments(span));
            return false;
        }

        return true;
    }

    private void CheckType(ParameterInfo parameter, Expression value, bool named)
    {
        if (!JenkinsValues.TryLiteral(value, out var literal) || literal is null)
        {
            return;
        }

        // As Jenkins' validateParameterType: Groovy's castToType, except that an Integer or a Boolean is
        // refused for a String, and a String or a Boolean for an int. Anything casts to a boolean (Groovy
        // truth: booleanParam(defaultValue: 'false') passes validation), and anything to a String.
        var valid = parameter.Type switch
        {
            ParameterType.Text => literal is not (int or bool),
            ParameterType.Whole or ParameterType.LongWhole or ParameterType.Fraction => literal is int or long or decimal or double or float or BigInteger,
            _ => true,
        };
        if (valid)
        {
            return;
        }

        var text = JenkinsValues.Literal(literal);
        var javaClass = JenkinsValues.JavaClass(literal);
        Report(named
            ? DiagnosticCatalog.InvalidParameterType(value.Span, parameter.JavaTypeName, parameter.Name, text, javaClass)
            : DiagnosticCatalog.InvalidUnnamedParameterType(value.Span, parameter.JavaTypeName, text, javaClass));
    }

    /// <summary>
    /// What Jenkins refuses in any argument: a duplicated name, a constant too big for a long, and
    /// blocked steps (<c>properties</c>) used as values. Closures are not entered: they are code.
    /// </summary>
    private void CheckArgumentValues(ArgumentList arguments)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var named in arguments.Named)
        {
            if (named.Name is { } name && !seen.Add(name))
            {
                Report(DiagnosticCatalog.DuplicateNamedParameter(named.Span, name));
            }

            CheckValue(named.Value);
        }

        foreach (var value in arguments.Positional)
        {
            CheckValue(value);
        }
    }

    private void CheckValue(Expression value)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case ConstantExpression { Value: BigInteger }:
                Report(DiagnosticCatalog.BigIntegerValue(value.Span));
                break;
            case MethodCallExpression call:
                if (call.Target is null && StepCatalog.Blocked.TryGetValue(call.Name, out var reason))
                {
                    Report(DiagnosticCatalog.BlockedStep(call.NameSpan, call.Name, reason));
                }

                CheckArgumentValues(WithoutBody(call.Arguments));
                break;
            case ListExpression list:
                foreach (var element in list.Elements)
                {
                    CheckValue(element);
                }

                break;
            case MapExpression map:
                foreach (var entry in map.Entries)
                {
                    CheckValue(entry.Value);
                }

                break;
            case UnaryExpression unary:
                CheckValue(unary.Operand);
                break;
        }
    }
}
