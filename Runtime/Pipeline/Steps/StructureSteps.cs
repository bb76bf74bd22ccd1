using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The scripted forms: stage('x') { }, parallel(a: { }, b: { }), node('label') { }.</summary>
internal static class StructureSteps
{
    /// <summary>The reason of the interruption fail-fast gives the other branches (their stage is ABORTED, the build keeps the first failure).</summary>
    public const string FailFastReason = "Failed fast: another branch failed";

    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("stage", StageAsync);
        yield return new DelegateStep("parallel", ParallelAsync);
        yield return new DelegateStep("node", NodeAsync);
    }

    private static async ValueTask<object?> StageAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        var stage = context.Build.StartStage(context.Flow.Stage, name, StageKind.Stage);
        try
        {
            return await context.RunBodyAsync(context.Flow with { Stage = stage }, name).ConfigureAwait(false);
        }
        catch (GroovyException e)
        {
            stage.WorsenSelf(StepErrors.ResultOf(e.Value));
            throw;
        }
        finally
        {
            context.Build.FinishStage(stage);
        }
    }

    private static async ValueTask<object?> ParallelAsync(StepContext context)
    {
        var branches = new List<(string Name, CallableValue Body)>();
        var failFast = false;
        var source = context.Arguments.Named ?? (context.Arguments.Positional.Count == 1 ? context.Arguments.Positional[0] as GroovyMap : null)
            ?? throw context.Abort("parallel expects a map of branch names to closures");
        foreach (var entry in source)
        {
            var key = GroovyFormat.ToDisplayString(entry.Key);
            if (key == "failFast")
            {
                failFast = GroovyTruth.IsTrue(entry.Value);
            }
            else if (entry.Value is CallableValue body)
            {
                branches.Add((key, body));
            }
            else
            {
                throw context.Abort($"Expected a closure for parallel branch '{key}', got {GroovyTypes.ClassName(entry.Value)}");
            }
        }

        return await RunBranchesAsync(context, branches, failFast).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs branches concurrently, each in its own cancellation scope. Every branch's Groovy code takes
    /// the build's interpreter lock, so branches interleave at steps as CPS threads do. With fail-fast,
    /// the first failure aborts the others. Throws the first failure once all have ended.
    /// </summary>
    public static async ValueTask<object?> RunBranchesAsync(StepContext context, IReadOnlyList<(string Name, CallableValue Body)> branches, bool failFast)
    {
        var build = context.Build;
        var scopes = branches.Select(_ => context.Flow.Cancellation.CreateChild()).ToList();
        var results = new GroovyMap();
        GroovyException? firstFailure = null;
        var failureLock = new Lock();
        try
        {
            var tasks = new List<Task>();
            for (var i = 0; i < branches.Count; i++)
            {
                var (name, body) = branches[i];
                var flow = context.Flow with { Cancellation = scopes[i] };
                var index = i;
                tasks.Add(Task.Run(async () =>
                {
                    await build.EnterAsync().ConfigureAwait(false);
                    try
                    {
                        results[name] = await context.RunBlockAsync(body, flow, "Branch: " + name).ConfigureAwait(false);
                    }
                    catch (GroovyException e)
                    {
                        var first = false;
                        lock (failureLock)
                        {
                            if (firstFailure is null)
                            {
                                firstFailure = e;
                                first = true;
                            }
                        }

                        if (first && failFast && !e.Value.IsInterruption)
                        {
                            context.Log("Failed in branch " + name);
                            for (var other = 0; other < scopes.Count; other++)
                            {
                                if (other != index)
                                {
                                    scopes[other].Cancel(BuildResult.Aborted, FailFastReason);
                                }
                            }
                        }
                    }
                    finally
                    {
                        build.Exit();
                    }
                }));
            }

            await build.WhileWaitingAsync(async () => await Task.WhenAll(tasks).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var scope in scopes)
            {
                scope.Dispose();
            }
        }

        if (firstFailure is not null)
        {
            throw firstFailure;
        }

        return results;
    }

    private static async ValueTask<object?> NodeAsync(StepContext context)
    {
        var label = context.Text("label");
        await using var allocation = await AgentAllocator.AllocateAsync(context.Build, context.Flow, AgentSpecs.ForLabel(label)).ConfigureAwait(false);
        context.Log($"Running on {allocation.Node.NodeName} in {allocation.Node.Workspace}");
        return await context.RunBodyAsync(context.Flow with { Node = allocation.Node, Directory = null }).ConfigureAwait(false);
    }
}
