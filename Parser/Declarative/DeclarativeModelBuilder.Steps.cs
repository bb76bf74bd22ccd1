using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    private StepsNode BuildStepsSection(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "steps"));
            return new StepsNode([], statement.Span);
        }

        var steps = BuildSteps(block.Statements);
        if (steps is [{ Name: "parallel" } only] && IsParallelStep(only.Call))
        {
            CheckParallelStep(only.Call);
            return new StepsNode(steps, statement.Span) { IsParallel = true };
        }

        return new StepsNode(steps, statement.Span);
    }

    private ImmutableArray<StepNode> BuildSteps(ImmutableArray<Statement> statements)
    {
        var steps = ImmutableArray.CreateBuilder<StepNode>(statements.Length);
        foreach (var statement in statements)
        {
            if (BuildStep(statement) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps.ToImmutable();
    }

    /// <summary>
    /// A step is a call on the script. A block step's closure (<c>dir('x') { ... }</c>) must itself
    /// hold steps, except <c>script { }</c>, whose body is free Groovy.
    /// </summary>
    private StepNode? BuildStep(Statement statement)
    {
        if (BlockCall.AsCall(statement) is not { } call)
        {
            Report(DiagnosticCatalog.ExpectedStep(statement.Span));
            return null;
        }

        if (!BlockCall.IsOnScript(call))
        {
            Report(DiagnosticCatalog.ObjectMethodCall(statement.Span));
            return null;
        }

        CheckArgumentValues(call.Arguments);
        var children = call.Name != "script" && call.Arguments.TrailingClosure is { } body
            ? BuildSteps(body.Body.Statements)
            : [];
        return new StepNode(call.Name, call.Arguments, call, statement.Span)
        {
            NameSpan = call.NameSpan,
            Children = children,
        };
    }

    /// <summary>The old form of parallel, <c>parallel a: { }, b: { }, failFast: true</c>, as the only step of a stage.</summary>
    private static bool IsParallelStep(MethodCallExpression call) =>
        call.Arguments.Positional.IsEmpty || call.Arguments.Positional.All(a => a is MapExpression);

    private void CheckParallelStep(MethodCallExpression call)
    {
        var entries = call.Arguments.Named.AddRange(call.Arguments.Positional.OfType<MapExpression>().SelectMany(m => m.Entries));
        foreach (var entry in entries)
        {
            if (entry.Name == "failFast")
            {
                if (entry.Value is not ConstantExpression { Value: bool })
                {
                    Report(DiagnosticCatalog.ExpectedBoolean(entry.Span, "failFast"));
                }
            }
            else if (entry.Value is not ClosureExpression)
            {
                Report(DiagnosticCatalog.ExpectedClosureOrFailFast(entry.Span));
            }
        }
    }

    /// <summary>Values Jenkins refuses wherever an argument is parsed: bare <c>${x}</c>.</summary>
    private void CheckArgumentValues(ArgumentList arguments)
    {
        foreach (var value in arguments.Positional)
        {
            CheckValue(value);
        }

        foreach (var named in arguments.Named)
        {
            CheckValue(named.Value);
        }
    }

    private void CheckValue(Expression value)
    {
        if (value is MethodCallExpression { Name: "$", Target: null } call && call.Arguments.TrailingClosure is not null)
        {
            Report(DiagnosticCatalog.BareDollarCurly(call.Span, Text(call)));
        }
    }

    private PostNode BuildPost(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "post"));
            return new PostNode([], statement.Span);
        }

        var conditions = ImmutableArray.CreateBuilder<PostConditionNode>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.Match(inner) is not { } condition)
            {
                Report(DiagnosticCatalog.InvalidBuildConditionContent(inner.Span, DeclarativeVocabulary.JavaList(DeclarativeVocabulary.PostConditions)));
                continue;
            }

            var steps = new StepsNode(BuildSteps(condition.Statements), inner.Span);
            conditions.Add(new PostConditionNode(condition.Name, steps, inner.Span) { NameSpan = condition.Call.NameSpan });
        }

        return new PostNode(conditions.ToImmutable(), statement.Span);
    }

    private WhenNode BuildWhen(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "when"));
            return new WhenNode([], false, false, false, statement.Span);
        }

        var conditions = ImmutableArray.CreateBuilder<WhenConditionNode>();
        bool beforeAgent = false, beforeInput = false, beforeOptions = false;
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } condition)
            {
                Report(DiagnosticCatalog.ExpectedWhen(inner.Span));
                continue;
            }

            switch (condition.Name)
            {
                case "beforeAgent":
                    beforeAgent = BuildBooleanSetting(condition) is ConstantExpression { Value: true };
                    break;
                case "beforeInput":
                    beforeInput = BuildBooleanSetting(condition) is ConstantExpression { Value: true };
                    break;
                case "beforeOptions":
                    beforeOptions = BuildBooleanSetting(condition) is ConstantExpression { Value: true };
                    break;
                default:
                    conditions.Add(BuildWhenCondition(inner, condition));
                    break;
            }
        }

        return new WhenNode(conditions.ToImmutable(), beforeAgent, beforeInput, beforeOptions, statement.Span);
    }

    private WhenConditionNode BuildWhenCondition(Statement statement, MethodCallExpression call)
    {
        if (call.Name == "expression")
        {
            return new WhenConditionNode(call.Name, call.Arguments, [], call.Arguments.TrailingClosure, statement.Span)
            {
                NameSpan = call.NameSpan,
            };
        }

        CheckArgumentValues(call.Arguments);
        if (BlockCall.Match(call) is not { } block)
        {
            return new WhenConditionNode(call.Name, call.Arguments, [], null, statement.Span) { NameSpan = call.NameSpan };
        }

        var children = ImmutableArray.CreateBuilder<WhenConditionNode>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is { } child)
            {
                children.Add(BuildWhenCondition(inner, child));
            }
            else
            {
                Report(DiagnosticCatalog.ExpectedWhen(inner.Span));
            }
        }

        return new WhenConditionNode(call.Name, block.ArgumentsWithoutBody, children.ToImmutable(), null, statement.Span)
        {
            NameSpan = call.NameSpan,
            HasBlock = true,
        };
    }
}
