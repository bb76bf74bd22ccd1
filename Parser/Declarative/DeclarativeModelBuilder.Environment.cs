using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    /// <summary>
    /// <c>environment { NAME = value }</c>. Values are strings, GStrings, calls such as
    /// <c>credentials('id')</c>, or quoted strings joined with <c>+</c>, as Jenkins accepts.
    /// </summary>
    private EnvironmentNode BuildEnvironment(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "environment"));
            return new EnvironmentNode([], statement.Span);
        }

        var entries = ImmutableArray.CreateBuilder<EnvironmentEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var malformed = false;
        foreach (var inner in block.Statements)
        {
            if (inner is not ExpressionStatement { Expression: var expression })
            {
                Report(DiagnosticCatalog.InvalidEnvironmentIdentifier(inner.Span, Text(inner)));
                malformed = true;
                continue;
            }

            if (expression is not AssignmentExpression { Operator: null, IsElvis: false } assignment)
            {
                var text = Text(inner);
                Report(text.Contains('=', StringComparison.Ordinal)
                    ? DiagnosticCatalog.InvalidIdentifierInEnvironment(inner.Span, text.Split('=')[0].Trim())
                    : DiagnosticCatalog.InvalidEnvironmentIdentifier(inner.Span, text));
                malformed = true;
                continue;
            }

            if (assignment.Target is not VariableExpression variable)
            {
                // Groovy itself refuses to assign to anything but a variable.
                var kind = assignment.Target switch
                {
                    StringLiteral or ConstantExpression or GStringExpression => "constant",
                    BinaryExpression => "binary",
                    PropertyExpression => "property",
                    MethodCallExpression => "method call",
                    _ => "an invalid",
                };
                var text = assignment.Target is StringLiteral s ? $"[{s.Value}]" : GroovyText.Print(assignment.Target, _source, parenthesizeBinary: true);
                Report(DiagnosticCatalog.NotAVariableExpression(assignment.Target.Span, text, kind));
                continue;
            }

            if (!names.Add(variable.Name))
            {
                Report(DiagnosticCatalog.DuplicateEnvironmentVariable(variable.Span, variable.Name));
                continue;
            }

            if (CheckEnvironmentValue(assignment.Value))
            {
                entries.Add(new EnvironmentEntry(variable.Name, assignment.Value, inner.Span) { NameSpan = variable.Span });
            }
        }

        if (malformed)
        {
            Report(DiagnosticCatalog.ExpectedNameValuePairs(statement.Span));
        }

        return new EnvironmentNode(entries.ToImmutable(), statement.Span);
    }

    private bool CheckEnvironmentValue(Expression value)
    {
        switch (value)
        {
            case StringLiteral or ConstantExpression or GStringExpression:
                return true;
            case MethodCallExpression call:
                CheckValue(call);
                return true;
            case BinaryExpression { Operator: BinaryOperator.Add } concatenation:
                return CheckConcatenation(concatenation);
            case BinaryExpression:
                Report(DiagnosticCatalog.InvalidEnvironmentOperation(value.Span));
                return false;
            default:
                Report(DiagnosticCatalog.InvalidEnvironmentValue(value.Span));
                return false;
        }
    }

    private bool CheckConcatenation(BinaryExpression concatenation)
    {
        var valid = true;
        if (concatenation.Left is BinaryExpression left)
        {
            if (left.Operator != BinaryOperator.Add)
            {
                Report(DiagnosticCatalog.InvalidEnvironmentOperation(left.Span));
                return false;
            }

            valid = CheckConcatenation(left);
        }
        else if (concatenation.Left is not (StringLiteral or ConstantExpression or GStringExpression))
        {
            Report(DiagnosticCatalog.InvalidEnvironmentConcatValue(concatenation.Left.Span));
            valid = false;
        }

        if (concatenation.Right is not (StringLiteral or ConstantExpression or GStringExpression))
        {
            Report(DiagnosticCatalog.InvalidEnvironmentConcatValue(concatenation.Right.Span));
            valid = false;
        }

        return valid;
    }
}
