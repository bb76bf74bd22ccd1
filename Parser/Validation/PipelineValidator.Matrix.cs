using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Validation;

internal sealed partial class PipelineValidator
{
    private void ValidateMatrix(MatrixNode matrix)
    {
        if (matrix.Axes is not { } axes)
        {
            Report(DiagnosticCatalog.RequiredSection(matrix.Span, "axes"));
        }
        else if (axes.IsEmpty)
        {
            Report(DiagnosticCatalog.NoAxes(matrix.Span));
        }
        else
        {
            ValidateAxes(axes, inExclude: false);
        }

        if (matrix.Excludes is { } excludes)
        {
            if (excludes.IsEmpty)
            {
                Report(DiagnosticCatalog.NoExcludes(matrix.Span));
            }

            foreach (var exclude in excludes)
            {
                if (exclude.Axes.IsEmpty)
                {
                    Report(DiagnosticCatalog.NoAxes(exclude.Span));
                }

                ValidateAxes(exclude.Axes, inExclude: true);
            }
        }

        ValidateDirectives(matrix.Directives);
        if (matrix.Stages is null)
        {
            Report(DiagnosticCatalog.RequiredSection(matrix.Span, "stages"));
        }
        else
        {
            ValidateStages(matrix.Stages, insideParallel: true);
        }
    }

    private void ValidateAxes(ImmutableArray<AxisNode> axes, bool inExclude)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var axis in axes)
        {
            switch (axis.Name)
            {
                case null:
                    Report(DiagnosticCatalog.RequiredSection(axis.Span, "name"));
                    break;
                case StringLiteral { Value: var name } literal:
                    if (!names.Add(name))
                    {
                        Report(DiagnosticCatalog.DuplicateName(literal.Span, "axis", name));
                    }

                    if (!JenkinsValues.IsValidIdentifier(name))
                    {
                        Report(DiagnosticCatalog.InvalidIdentifierInEnvironment(literal.Span, name));
                    }

                    break;
                default:
                    Report(DiagnosticCatalog.ExpectedStringLiteral(axis.Name.Span));
                    break;
            }

            if (inExclude && axis.Values is not null && axis.NotValues is not null)
            {
                Report(DiagnosticCatalog.ExcludeValuesAndNotValues(axis.Span));
            }

            if ((axis.Values ?? axis.NotValues) is not { } values)
            {
                Report(DiagnosticCatalog.RequiredSection(axis.Span, "values"));
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                if (!JenkinsValues.TryLiteral(value, out var literal))
                {
                    Report(DiagnosticCatalog.ExpectedStringLiteralButGot(value.Span, ValueText(value)));
                }
                else if (JenkinsValues.Literal(literal) is var text && !seen.Add(text))
                {
                    Report(DiagnosticCatalog.DuplicateAxisValue(value.Span, text));
                }
            }
        }
    }
}
