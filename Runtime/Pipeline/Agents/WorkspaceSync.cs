using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>
/// Keeps a mirrored workspace (<see cref="IMirroredWorkspace"/>: a remote node's) level around what this machine does
/// with its files: brought level before a step that reads or writes them here, said changed around one that may write
/// them (before its body too: a block step such as <c>withCredentials</c> writes before it), and brought level when the
/// agent's scope ends, so that later stages and the server see the node's last files. Every writer of a workspace on
/// this machine is a step or the default checkout, so no watch on the folder is needed.
/// </summary>
public static class WorkspaceSync
{
    /// <summary>Before a step with this use of the files: levelled unless it touches none here; a writer is said to change them.</summary>
    public static async ValueTask BeforeStepAsync(BuildContext build, FlowContext flow, WorkspaceUse use)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(flow);
        if (use is WorkspaceUse.None or WorkspaceUse.NodeShell || flow.Node?.Agent is not IMirroredWorkspace mirrored)
        {
            return;
        }

        await LevelAsync(build, flow, mirrored).ConfigureAwait(false);
        if (use == WorkspaceUse.ReadsAndWrites)
        {
            mirrored.ChangedHere();
        }
    }

    /// <summary>After a step (whatever its outcome): a writer is said to have changed the files here.</summary>
    public static void AfterStep(FlowContext flow, WorkspaceUse use)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (use == WorkspaceUse.ReadsAndWrites && flow.Node?.Agent is IMirroredWorkspace mirrored)
        {
            mirrored.ChangedHere();
        }
    }

    /// <summary>Brings the flow's workspace level here (other branches run meanwhile); nothing for an agent whose files are here.</summary>
    public static async ValueTask LevelAsync(BuildContext build, FlowContext flow)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Node?.Agent is IMirroredWorkspace mirrored)
        {
            await LevelAsync(build, flow, mirrored).ConfigureAwait(false);
        }
    }

    /// <summary>Says the flow's workspace changed here (nothing for an agent whose files are here).</summary>
    public static void ChangedHere(FlowContext flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        (flow.Node?.Agent as IMirroredWorkspace)?.ChangedHere();
    }

    /// <summary>
    /// The end of an agent's scope: what its steps changed on the node comes here. A node that does not answer keeps
    /// them, which the log says (the agent wrote why) without failing the build, as Jenkins' files stay on a lost agent;
    /// any other failure to bring them here fails the build, naming the node.
    /// </summary>
    public static async ValueTask ReleaseAsync(BuildContext build, FlowContext flow, IAgent agent)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(flow);
        if (agent is not IMirroredWorkspace mirrored)
        {
            return;
        }

        var output = new StepOutput(build, flow);
        try
        {
            await mirrored.LevelAsync(output, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AgentLostException)
        {
            output.Flush();
            build.Log(flow, $"The files the steps on {agent.NodeName} changed since the last sync stay there: this machine's copy of the workspace has them as they were before.");
        }
        catch (Exception e)
        {
            output.Flush();
            build.Log(flow, $"ERROR: Cannot bring the workspace back from {agent.NodeName}: {e.Message}");
            build.SetResult(Results.BuildResult.Failure);
        }
        finally
        {
            output.Flush();
        }
    }

    private static async ValueTask LevelAsync(BuildContext build, FlowContext flow, IMirroredWorkspace mirrored)
    {
        var output = new StepOutput(build, flow);
        try
        {
            var levelling = mirrored.LevelAsync(output, flow.CancellationToken);
            if (levelling.IsCompleted)
            {
                await levelling.ConfigureAwait(false);
            }
            else
            {
                await build.WhileWaitingAsync(() => levelling).ConfigureAwait(false);
            }
        }
        finally
        {
            output.Flush();
        }
    }
}
