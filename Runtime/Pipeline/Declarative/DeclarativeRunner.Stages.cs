using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Declarative;

internal sealed partial class DeclarativeRunner
{
    /// <summary>Stages in order; an error is remembered and the stages after it are skipped "due to earlier failure(s)".</summary>
    private async ValueTask<GroovyException?> RunSequentialStagesAsync(FlowContext flow, ImmutableArray<StageNode> stages, StageRun? parent, SkipReason? skipReason, string? restartAt)
    {
        GroovyException? firstError = null;
        var skippedForRestart = restartAt is not null;
        foreach (var stage in stages)
        {
            var reason = skipReason?.For(stage.Name);
            if (skippedForRestart)
            {
                if (stage.Name == restartAt)
                {
                    skippedForRestart = false;
                    reason = reason?.Kind == "restart" ? null : reason;
                }
                else
                {
                    reason = SkipReason.Restart(stage.Name, restartAt!);
                }
            }

            try
            {
                await EvaluateStageAsync(flow, stage, parent, StageKind.Stage, reason, firstError, null).ConfigureAwait(false);
            }
            catch (GroovyException e)
            {
                firstError ??= e;
            }
        }

        return firstError;
    }

    /// <summary>
    /// One stage inside <c>[Pipeline] stage</c> / <c>{ (name)</c>: skipped (earlier failure, unstable,
    /// restart, a parent's skip) or run with its directives in Jenkins' order.
    /// </summary>
    private async ValueTask EvaluateStageAsync(FlowContext flow, StageNode stage, StageRun? parent, StageKind kind, SkipReason? skipReason, GroovyException? firstError, IReadOnlyDictionary<string, string>? cellEnvironment)
    {
        var events = StepEvents.Open(_build, flow, "stage");
        var run = _build.StartStage(parent ?? flow.Stage, stage.Name, kind);
        var stageFlow = events.Flow with { Stage = run };
        events.Start(stage.Name);
        _build.PipelineLine(stageFlow, "{ (" + stage.Name + ")");
        try
        {
            if (skipReason is not null)
            {
                await SkipStageAsync(stageFlow, stage, run, skipReason).ConfigureAwait(false);
            }
            else if (firstError is not null)
            {
                await SkipStageAsync(stageFlow, stage, run, SkipReason.Failure(stage.Name)).ConfigureAwait(false);
            }
            else if (_options.Contains("skipStagesAfterUnstable") && _build.Result == BuildResult.Unstable)
            {
                await SkipStageAsync(stageFlow, stage, run, SkipReason.Unstable(stage.Name)).ConfigureAwait(false);
            }
            else
            {
                if (cellEnvironment is not null)
                {
                    stageFlow = stageFlow.WithEnvironment(cellEnvironment);
                }

                await RunStageAsync(stageFlow, stage, run).ConfigureAwait(false);
            }

            events.Succeeded();
        }
        catch (GroovyException e)
        {
            // The error escapes this stage: it fails this stage (each enclosing stage gets it as it escapes that one too).
            run.WorsenSelf(StepErrors.ResultOf(e.Value));
            events.Failed(e.Value);
            throw;
        }
        finally
        {
            _build.PipelineLine(stageFlow, "}");
            _build.PipelineLine(flow, "// stage");
            _build.FinishStage(run, run.SkipReason is null ? null : BuildResult.NotBuilt);
        }
    }

    private async ValueTask SkipStageAsync(FlowContext flow, StageNode stage, StageRun run, SkipReason reason)
    {
        _build.Log(flow, reason.Message);
        run.SkipReason = reason.Message;
        if (stage.Parallel is { } parallel)
        {
            await RunBranchesAsync(flow, parallel.Stages.Select(child => (child.Name, child, (IReadOnlyDictionary<string, string>?)null)).ToList(), false, run, reason).ConfigureAwait(false);
        }
        else if (stage.Matrix is { } matrix)
        {
            await RunBranchesAsync(flow, MatrixCells(stage, matrix), false, run, reason).ConfigureAwait(false);
        }
        else if (stage.Stages is { } stages)
        {
            await RunSequentialStagesAsync(flow, stages.Stages, run, reason, reason.Kind == "restart" ? RestartTarget(reason) : null).ConfigureAwait(false);
        }
    }

    private static string? RestartTarget(SkipReason reason)
    {
        var marker = "restarting at stage \"";
        var index = reason.Message.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? null : reason.Message[(index + marker.Length)..^1];
    }

    /// <summary>The directives of a running stage in order: when (beforeOptions), options, when (beforeInput), input, then agent/when/credentials/environment/tools and the body.</summary>
    private async ValueTask RunStageAsync(FlowContext flow, StageNode stage, StageRun run)
    {
        var directives = stage.Directives;
        var when = directives.When;
        bool? whenPassed = null;
        if (when is { BeforeOptions: true })
        {
            whenPassed = await EvaluateWhenAsync(flow, when).ConfigureAwait(false);
            if (!whenPassed.Value)
            {
                await SkipStageAsync(flow, stage, run, SkipReason.When(stage.Name)).ConfigureAwait(false);
                return;
            }
        }

        var skippedByWhen = false;
        await InWrappersAsync(flow, directives.Options, async wrapped =>
        {
            if (when is { BeforeInput: true } && whenPassed is null)
            {
                whenPassed = await EvaluateWhenAsync(wrapped, when).ConfigureAwait(false);
                if (!whenPassed.Value)
                {
                    skippedByWhen = true;
                    return;
                }
            }

            var inputFlow = await StageInputAsync(wrapped, stage, directives.Input).ConfigureAwait(false);
            if (stage.Parallel is not null || stage.Matrix is not null)
            {
                if (whenPassed is null && when is not null)
                {
                    whenPassed = await EvaluateWhenAsync(inputFlow, when).ConfigureAwait(false);
                    if (!whenPassed.Value)
                    {
                        skippedByWhen = true;
                        return;
                    }
                }

                await RunParallelStageAsync(inputFlow, stage, run).ConfigureAwait(false);
                return;
            }

            if (when is { BeforeAgent: true } && whenPassed is null)
            {
                whenPassed = await EvaluateWhenAsync(inputFlow, when).ConfigureAwait(false);
                if (!whenPassed.Value)
                {
                    skippedByWhen = true;
                    return;
                }
            }

            // newContainerPerStage: a stage running steps without an agent of its own gets the top-level agent's container, on the node held.
            var perStageContainer = directives.Agent is null && stage.Stages is null && ContainerPerStage;
            await InAgentAsync(inputFlow, perStageContainer ? _pipeline.Agent : directives.Agent, topLevel: false, async agentFlow =>
            {
                if (whenPassed is null && when is not null)
                {
                    whenPassed = await EvaluateWhenAsync(agentFlow, when).ConfigureAwait(false);
                    if (!whenPassed.Value)
                    {
                        skippedByWhen = true;
                        return;
                    }
                }

                await WithEnvironmentAsync(agentFlow, directives.Environment, async envFlow =>
                {
                    await WithToolsAsync(envFlow, directives.Tools, _pipeline.Tools, topLevel: false, async toolsFlow =>
                    {
                        if (stage.Stages is { } nested)
                        {
                            var nestedError = await RunSequentialStagesAsync(toolsFlow, nested.Stages, run, null, null).ConfigureAwait(false);
                            nestedError = await RunStagePostAsync(toolsFlow, directives.Post, nestedError, run).ConfigureAwait(false);
                            if (nestedError is not null)
                            {
                                throw nestedError;
                            }
                        }
                        else
                        {
                            await ExecuteSingleStageAsync(toolsFlow, stage, run).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }, skipCheckout: SkipsCheckout(directives.Options), reuseNode: perStageContainer).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (skippedByWhen)
        {
            await SkipStageAsync(flow, stage, run, SkipReason.When(stage.Name)).ConfigureAwait(false);
        }
    }

    private static bool SkipsCheckout(OptionsNode? options) =>
        options?.Options.Any(o => o.Name == "skipDefaultCheckout" && o.Arguments.Positional is not [ConstantExpression { Value: false }]) == true;

    private async ValueTask ExecuteSingleStageAsync(FlowContext flow, StageNode stage, StageRun run)
    {
        GroovyException? stageError = null;
        try
        {
            if (stage.Steps is { } steps)
            {
                await RunStepsAsync(flow, steps).ConfigureAwait(false);
            }
        }
        catch (GroovyException e)
        {
            // Not the stage's result yet: a retry option around this may still end the stage well (post sees the error).
            stageError = e;
        }

        stageError = await RunStagePostAsync(flow, stage.Directives.Post, stageError, run).ConfigureAwait(false);
        if (stageError is not null)
        {
            throw stageError;
        }
    }

    private async ValueTask RunParallelStageAsync(FlowContext flow, StageNode stage, StageRun run)
    {
        GroovyException? error = null;
        try
        {
            await WithEnvironmentAsync(flow, stage.Directives.Environment, async envFlow =>
            {
                var failFast = stage.IsFailFast || _options.Contains("parallelsAlwaysFailFast");
                var branches = stage.Matrix is { } matrix
                    ? MatrixCells(stage, matrix)
                    : stage.Parallel!.Stages.Select(child => (child.Name, child, (IReadOnlyDictionary<string, string>?)null)).ToList();
                await RunBranchesAsync(envFlow, branches, failFast, run, null).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (GroovyException e)
        {
            error = e;
        }

        error = await RunStagePostAsync(flow, stage.Directives.Post, error, run).ConfigureAwait(false);
        if (error is not null)
        {
            throw error;
        }
    }

    /// <summary>Parallel branches (or matrix cells) through the real parallel step, each running its stage.</summary>
    private async ValueTask RunBranchesAsync(FlowContext flow, IReadOnlyList<(string Name, StageNode Stage, IReadOnlyDictionary<string, string>? Cell)> branches, bool failFast, StageRun parent, SkipReason? skipReason)
    {
        var map = new GroovyMap();
        foreach (var (name, stage, cell) in branches)
        {
            var kind = cell is null ? StageKind.ParallelBranch : StageKind.MatrixCell;
            map[name] = new BuiltinCallable("branch", 0, async (_, _, caller, _) =>
            {
                await EvaluateStageAsync(caller.Flow, stage, parent, kind, skipReason?.For(stage.Name), null, cell).ConfigureAwait(false);
                return null;
            });
        }

        if (failFast)
        {
            map["failFast"] = true;
        }

        await InvokeStepAsync(flow, "parallel", new Arguments([map], null), null).ConfigureAwait(false);
    }

    private static List<(string Name, StageNode Stage, IReadOnlyDictionary<string, string>? Cell)> MatrixCells(StageNode stage, MatrixNode matrix)
    {
        var axes = (matrix.Axes ?? []).Select(a => (Name: a.NameText ?? string.Empty, Values: (a.Values ?? []).Select(LiteralText).ToList())).ToList();
        var cells = new List<List<(string Axis, string Value)>> { new() };
        foreach (var axis in axes)
        {
            cells = [.. cells.SelectMany(cell => axis.Values.Select(value => new List<(string, string)>(cell) { (axis.Name, value) }))];
        }

        var result = new List<(string, StageNode, IReadOnlyDictionary<string, string>?)>();
        foreach (var cell in cells)
        {
            if ((matrix.Excludes ?? []).Any(exclude => Excluded(exclude, cell)))
            {
                continue;
            }

            var name = "Matrix - " + string.Join(", ", cell.Select(c => $"{c.Axis} = '{c.Value}'"));
            var cellStage = new StageNode(name, new StringLiteral(name, StringQuote.SingleQuoted, stage.Span), matrix.Directives, null, matrix.Stages, null, null, null, stage.Span);
            result.Add((name, cellStage, cell.ToDictionary(c => c.Axis, c => c.Value, StringComparer.Ordinal)));
        }

        return result;
    }

    private static bool Excluded(ExcludeNode exclude, List<(string Axis, string Value)> cell)
    {
        foreach (var axis in exclude.Axes)
        {
            var value = cell.FirstOrDefault(c => c.Axis == axis.NameText).Value;
            if (value is null)
            {
                return false;
            }

            var matches = axis.IsNotValues
                ? !(axis.NotValues ?? []).Select(LiteralText).Contains(value)
                : (axis.Values ?? []).Select(LiteralText).Contains(value);
            if (!matches)
            {
                return false;
            }
        }

        return !exclude.Axes.IsEmpty;
    }

    private static string LiteralText(Expression expression) => expression switch
    {
        StringLiteral s => s.Value,
        ConstantExpression c => GroovyFormat.ToDisplayString(c.Value),
        GStringExpression g => string.Concat(g.Strings),
        _ => string.Empty,
    };
}
