using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Declarative;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Declarative;

internal sealed partial class DeclarativeRunner
{
    /// <summary>A stage's post section (<c>Post stage</c>), judged on the stage's own result and error.</summary>
    private async ValueTask<GroovyException?> RunStagePostAsync(FlowContext flow, PostNode? post, GroovyException? stageError, StageRun stage)
    {
        if (post is null || !AnySatisfied(post, () => Combined(stage.Result.Combine(_build.CurrentResult), stageError)))
        {
            return stageError;
        }

        _build.Log(flow, "Post stage");
        return await RunPostConditionsAsync(flow with { Cancellation = flow.Cancellation.NearestLive() }, post, stageError, stage, setBuildResult: false).ConfigureAwait(false);
    }

    /// <summary>The pipeline's post section, in the synthetic stage "Declarative: Post Actions".</summary>
    private async ValueTask RunPostBuildAsync(FlowContext flow, GroovyException? firstError)
    {
        var post = _pipeline.Post;
        if (post is null || !AnySatisfied(post, () => Combined(_build.CurrentResult, firstError)))
        {
            return;
        }

        var stage = _build.StartStage(null, "Declarative: Post Actions", StageKind.Synthetic);
        var stageFlow = flow with { Stage = stage, Cancellation = flow.Cancellation.NearestLive() };
        _build.PipelineLine(flow, "stage");
        _build.PipelineLine(stageFlow, "{ (Declarative: Post Actions)");
        GroovyException? error;
        try
        {
            error = await RunPostConditionsAsync(stageFlow, post, firstError, null, setBuildResult: true).ConfigureAwait(false);
        }
        finally
        {
            _build.PipelineLine(stageFlow, "}");
            _build.PipelineLine(flow, "// stage");
            _build.FinishStage(stage);
        }

        if (error is not null && !ReferenceEquals(error, firstError))
        {
            throw error;
        }
    }

    /// <summary>
    /// Each satisfied condition in Jenkins' order; an error in one is logged ("Error when executing X post
    /// condition:"), fails the build and is remembered, and the remaining conditions still run.
    /// </summary>
    private async ValueTask<GroovyException?> RunPostConditionsAsync(FlowContext flow, PostNode post, GroovyException? error, StageRun? stage, bool setBuildResult)
    {
        foreach (var name in DeclarativeVocabulary.PostConditions)
        {
            var condition = post.Conditions.FirstOrDefault(c => c.Condition == name);
            if (condition is null)
            {
                continue;
            }

            var combined = stage is null ? Combined(_build.CurrentResult, error) : Combined(stage.Result.Combine(_build.CurrentResult), error);
            if (!Satisfied(name, combined))
            {
                continue;
            }

            if (setBuildResult)
            {
                _build.SetResult(combined);
            }

            try
            {
                await RunStepsAsync(flow, condition.Steps).ConfigureAwait(false);
            }
            catch (GroovyException e)
            {
                var result = StepErrors.ResultOf(e.Value);
                if (stage is null)
                {
                    _build.SetResult(result);
                }

                stage?.WorsenSelf(result);
                _build.Log(flow, $"Error when executing {name} post condition:");
                _build.Log(flow, PipelineErrors.Describe(e.Value).TrimStart());
                error ??= e;
            }
        }

        return error;
    }

    private bool AnySatisfied(PostNode post, Func<BuildResult> combined)
    {
        var result = combined();
        return post.Conditions.Any(c => Satisfied(c.Condition, result));
    }

    private static BuildResult Combined(BuildResult result, GroovyException? error) =>
        error is null ? result : result.Combine(StepErrors.ResultOf(error.Value));

    private bool Satisfied(string condition, BuildResult result)
    {
        var previous = _build.PreviousBuild?.Result;
        return condition switch
        {
            "always" or "cleanup" => true,
            "changed" => previous is null || previous != result,
            "fixed" => result == BuildResult.Success && previous is BuildResult.Failure or BuildResult.Unstable,
            "regression" => previous is { } p && result.IsWorseThan(p),
            "aborted" => result == BuildResult.Aborted,
            "success" => result == BuildResult.Success,
            "unsuccessful" => result != BuildResult.Success,
            "unstable" => result == BuildResult.Unstable,
            "failure" => result == BuildResult.Failure,
            "notBuilt" => result == BuildResult.NotBuilt,
            _ => false,
        };
    }
}
