using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    private MatrixNode? BuildMatrix(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "matrix"));
            return null;
        }

        ImmutableArray<AxisNode>? axes = null;
        ImmutableArray<ExcludeNode>? excludes = null;
        AgentNode? agent = null;
        WhenNode? when = null;
        EnvironmentNode? environment = null;
        OptionsNode? options = null;
        InputNode? input = null;
        ToolsNode? tools = null;
        PostNode? post = null;
        StagesNode? stages = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } section)
            {
                Report(DiagnosticCatalog.InvalidSectionDefinition(inner.Span, Text(inner)));
                continue;
            }

            if (!seen.Add(section.Name))
            {
                Report(DiagnosticCatalog.MultipleOfSection(inner.Span, section.Name));
            }

            switch (section.Name)
            {
                case "axes":
                    axes = BuildAxes(inner, section);
                    break;
                case "excludes":
                    excludes = BuildExcludes(inner, section);
                    break;
                case "agent":
                    agent = BuildAgent(inner, section);
                    break;
                case "when":
                    when = BuildWhen(inner, section);
                    break;
                case "environment":
                    environment = BuildEnvironment(inner, section);
                    break;
                case "options":
                    options = new OptionsNode(BuildInvocations(inner, section, InvocationKind.Option), inner.Span) { InStage = true };
                    break;
                case "input":
                    input = BuildInput(inner, section);
                    break;
                case "tools":
                    tools = BuildTools(inner, section);
                    break;
                case "post":
                    post = BuildPost(inner, section);
                    break;
                case "stages":
                    stages = BuildStages(inner, section);
                    break;
                default:
                    Report(DiagnosticCatalog.UnknownMatrixSection(inner.Span, section.Name));
                    break;
            }
        }

        var directives = new StageDirectives(agent, when, environment, options, input, tools, post, block.Body.Span);
        return new MatrixNode(axes, excludes, directives, stages, statement.Span);
    }

    private ImmutableArray<AxisNode> BuildAxes(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "axes"));
            return [];
        }

        return BuildAxisList(block, allowNotValues: false);
    }

    private ImmutableArray<AxisNode> BuildAxisList(BlockCall block, bool allowNotValues)
    {
        var axes = ImmutableArray.CreateBuilder<AxisNode>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.Match(inner) is not { Name: "axis" } axis)
            {
                Report(DiagnosticCatalog.ExpectedAxis(inner.Span, "an axis"));
                continue;
            }

            axes.Add(BuildAxis(inner, axis, allowNotValues));
        }

        return axes.ToImmutable();
    }

    private AxisNode BuildAxis(Statement statement, BlockCall axis, bool allowNotValues)
    {
        Expression? name = null;
        ImmutableArray<Expression>? values = null;
        ImmutableArray<Expression>? notValues = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inner in axis.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } field)
            {
                Report(DiagnosticCatalog.InvalidSectionDefinition(inner.Span, Text(inner)));
                continue;
            }

            if (!seen.Add(field.Name))
            {
                Report(DiagnosticCatalog.MultipleOfSection(inner.Span, field.Name));
            }

            var arguments = field.Arguments.Positional.AddRange(field.Arguments.Named.Select(n => n.Value));
            switch (field.Name)
            {
                case "name" when arguments.Length == 1:
                    name = arguments[0];
                    break;
                case "name":
                    Report(DiagnosticCatalog.FieldArgumentCount(inner.Span, field.Name, none: arguments.IsEmpty));
                    break;
                case "values":
                    values = arguments;
                    break;
                case "notValues" when allowNotValues:
                    notValues = arguments;
                    break;
                default:
                    Report(DiagnosticCatalog.UnknownMatrixSection(inner.Span, field.Name));
                    break;
            }
        }

        return new AxisNode(name, values, notValues, statement.Span);
    }

    private ImmutableArray<ExcludeNode> BuildExcludes(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "excludes"));
            return [];
        }

        var excludes = ImmutableArray.CreateBuilder<ExcludeNode>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.Match(inner) is not { Name: "exclude" } exclude)
            {
                Report(DiagnosticCatalog.ExpectedAxis(inner.Span, "an exclude"));
                continue;
            }

            excludes.Add(new ExcludeNode(BuildAxisList(exclude, allowNotValues: true), inner.Span));
        }

        return excludes.ToImmutable();
    }
}
