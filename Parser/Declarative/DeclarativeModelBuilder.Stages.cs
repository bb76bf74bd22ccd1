using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    private StagesNode BuildStages(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "stages"));
            return new StagesNode([], statement.Span);
        }

        return new StagesNode(BuildStageList(block), statement.Span);
    }

    private ImmutableArray<StageNode> BuildStageList(BlockCall block)
    {
        var stages = ImmutableArray.CreateBuilder<StageNode>();
        foreach (var inner in block.Statements)
        {
            if (BuildStage(inner) is { } stage)
            {
                stages.Add(stage);
            }
        }

        return stages.ToImmutable();
    }

    private StageNode? BuildStage(Statement statement)
    {
        if (BlockCall.Match(statement) is not { Name: "stage" } block)
        {
            Report(DiagnosticCatalog.ExpectedStage(statement.Span));
            return null;
        }

        if (block.Arguments.IsEmpty)
        {
            Report(DiagnosticCatalog.ExpectedStageName(statement.Span));
            return null;
        }

        var nameExpression = block.Arguments[0];
        var name = nameExpression switch
        {
            StringLiteral s => s.Value,
            GStringExpression => Unquote(Text(nameExpression)),
            _ => ReportNotStringLiteral(nameExpression),
        };

        AgentNode? agent = null;
        WhenNode? when = null;
        EnvironmentNode? environment = null;
        OptionsNode? options = null;
        InputNode? input = null;
        ToolsNode? tools = null;
        PostNode? post = null;
        StepsNode? steps = null;
        StagesNode? stages = null;
        ParallelNode? parallel = null;
        MatrixNode? matrix = null;
        Expression? failFast = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } section)
            {
                Report(DiagnosticCatalog.InvalidStageSectionDefinition(inner.Span, Text(inner)));
                continue;
            }

            var sectionName = section.Name;
            if (!seen.Add(sectionName))
            {
                Report(DiagnosticCatalog.MultipleOfSection(inner.Span, sectionName));
            }

            switch (sectionName)
            {
                case "agent":
                    agent = BuildAgent(inner, section);
                    break;
                case "when":
                    when = BuildWhen(inner, section);
                    break;
                case "steps":
                    steps = BuildStepsSection(inner, section);
                    break;
                case "post":
                    post = BuildPost(inner, section);
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
                case "environment":
                    environment = BuildEnvironment(inner, section);
                    break;
                case "parallel":
                    parallel = BuildParallel(inner, section);
                    break;
                case "matrix":
                    matrix = BuildMatrix(inner, section);
                    break;
                case "failFast":
                    failFast = BuildBooleanSetting(section);
                    break;
                case "stages":
                    stages = BuildStages(inner, section);
                    break;
                default:
                    Report(DiagnosticCatalog.UnknownStageSection(inner.Span, sectionName));
                    break;
            }
        }

        var directives = new StageDirectives(agent, when, environment, options, input, tools, post, block.Body.Span);
        return new StageNode(name, nameExpression, directives, steps, stages, parallel, matrix, failFast, statement.Span)
        {
            NameSpan = nameExpression.Span,
        };
    }

    private string ReportNotStringLiteral(Expression expression)
    {
        Report(DiagnosticCatalog.ExpectedStringLiteral(expression.Span));
        return Text(expression);
    }

    private static string Unquote(string text)
    {
        foreach (var quote in new[] { "\"\"\"", "'''", "\"", "'", "/" })
        {
            if (text.Length >= 2 * quote.Length && text.StartsWith(quote, StringComparison.Ordinal) && text.EndsWith(quote, StringComparison.Ordinal))
            {
                return text[quote.Length..^quote.Length];
            }
        }

        return text;
    }

    private ParallelNode BuildParallel(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "parallel"));
            return new ParallelNode([], statement.Span);
        }

        return new ParallelNode(BuildStageList(block), statement.Span);
    }

    /// <summary><c>failFast true</c>, <c>beforeAgent true</c>: a single boolean literal.</summary>
    private Expression? BuildBooleanSetting(MethodCallExpression call)
    {
        var arguments = call.Arguments;
        if (arguments.Named.IsEmpty && arguments.Positional.Length == 1 && arguments.Positional[0] is ConstantExpression { Value: bool })
        {
            return arguments.Positional[0];
        }

        Report(DiagnosticCatalog.ExpectedBoolean(call.NameSpan, call.Name));
        return null;
    }
}
