using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Delivery.Steps;

/// <summary>
/// The delivery steps: <c>composeDeploy file:, project:, strategy:, weight:, match:</c>,
/// <c>setTrafficWeights project:, weights:</c>, <c>promote project:</c>, <c>rollback project:</c> and
/// <c>composeDown project:</c>, on a container engine and the router ContainerCd owns: this server's. On an agent whose
/// Docker engine is another (<c>docker: isolated</c>, a remote node) they are refused, naming the agent, before they touch
/// anything.
/// </summary>
public sealed class DeliveryPipelineExtension(IComposeEngine engine, IRouterControl router) : IPipelineExtension
{
    public string Name => "delivery";

    public void Register(PipelineRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddStep(new DelegateStep("composeDeploy", context => RunAsync(context, (deployer, ct) => ComposeDeployStep.RunAsync(context, deployer, ct))));
        registry.AddStep(new DelegateStep("setTrafficWeights", context => RunAsync(context, (deployer, ct) =>
            deployer.SetWeightsAsync(context.RequiredString("project"), ComposeDeployStep.Weights(context), ct))));
        registry.AddStep(new DelegateStep("promote", context => RunAsync(context, (deployer, ct) => deployer.PromoteAsync(context.RequiredString("project"), ct))));
        registry.AddStep(new DelegateStep("rollback", context => RunAsync(context, (deployer, ct) => deployer.RollbackAsync(context.RequiredString("project"), ct))));
        registry.AddStep(new DelegateStep("composeDown", context => RunAsync(context, (deployer, ct) => deployer.DownAsync(context.RequiredString("project"), ct))));
    }

    private async ValueTask<object?> RunAsync(StepContext context, Func<ComposeDeployer, CancellationToken, Task> action)
    {
        if (context.Flow.Node is { } node && RefusedOn(node, context.Step.Name) is { } refusal)
        {
            throw context.Abort(refusal);
        }

        var deployer = new ComposeDeployer(engine, router, new StepDeploymentReport(context));
        try
        {
            await action(deployer, context.CancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentException e)
        {
            throw context.Abort(e.Message);
        }
        catch (Exception e) when (e is not (OperationCanceledException or Groovy.Interpreter.GroovyException or OutOfMemoryException))
        {
            throw context.Abort($"{context.Step.Name}: {e.Message}");
        }

        return null;
    }

    /// <summary>Why a delivery step cannot run on this node's engine; null on this server's.</summary>
    private static string? RefusedOn(NodeContext node, string step) => node.Agent.Engine switch
    {
        AgentEngine.Isolated => DiagnosticCatalog.DeliveryOnIsolatedAgentMessage(step, node.NodeName),
        AgentEngine.RemoteNode => DiagnosticCatalog.DeliveryOnRemoteNodeMessage(step, node.NodeName),
        _ => null,
    };
}
