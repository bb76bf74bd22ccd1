using System.Collections.Immutable;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Agents.Host;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Repositories;

namespace ContainerCd.Server.Builds;

/// <summary>
/// Runs builds with the runtime's engine (<see cref="PipelineEngine"/>): the job's Jenkinsfile, the
/// server's config (agents, credentials, tools, libraries), inputs answered through the server, the agent
/// providers (<see cref="AgentProviders"/>; default: the host's alone), downstream <c>build</c> steps queued on
/// this server, and any further pipeline extensions (tests add steps of their own).
/// </summary>
internal sealed class EngineExecutor(RuntimeConfig config, ImmutableArray<IAgentProvider> agents = default, ImmutableArray<IPipelineExtension> extensions = default)
    : IPipelineExecutor
{
    public async Task<BuildResult> ExecuteAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = run.Job.JenkinsfilePath;
        var repository = run.Job.Repository is null ? null : await ReadRepositoryAsync(run, cancellationToken).ConfigureAwait(false);
        // app/1 is built by every server on this machine that has a job app: the build's processes and containers get a label of their own
        var resourceScope = run.BuildId + "-" + Guid.NewGuid().ToString("N")[..8];
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText(path, repository?.Jenkinsfile ?? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)),
            Job = run.Job.Name,
            Home = run.Home,
            History = run.History,
            Number = run.Number,
            BuildId = run.BuildId,
            ResourceScope = resourceScope,
            Parameters = run.Parameters.ToImmutableDictionary(StringComparer.Ordinal),
            Config = config,
            Cause = run.Cause,
            Inputs = new BrokerInputHandler(run.Inputs),
            Agents = Agents,
            Extensions = [.. BuildExtensions.For(run.Home, Agents), .. extensions.IsDefault ? [] : extensions],
            SourceDirectory = repository is null ? Path.GetDirectoryName(path) : null,
            Repository = repository?.Source,
            Environment = repository?.Environment ?? ImmutableDictionary<string, string>.Empty,
            TriggersDeclared = run.TriggersDeclared,
            JobLauncher = run.LaunchJob is null ? null : async (job, parameters, ct) =>
            {
                var outcome = await run.LaunchJob(job, parameters, ct).ConfigureAwait(false);
                return new BuildOutcome(outcome.BuildId, outcome.Number, outcome.Result, outcome.Duration);
            },
        };
        var outcome = await PipelineEngine.RunAsync(request, run.Observer, cancellationToken).ConfigureAwait(false);
        return outcome.Result;
    }

    private ImmutableArray<IAgentProvider> Agents => agents.IsDefault ? [HostAgentProvider.Instance] : agents;

    /// <summary>A repository job's Jenkinsfile, read from the commit the build takes; git's reason when it cannot be read.</summary>
    private async Task<RepositoryBuildSource> ReadRepositoryAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        try
        {
            return await RepositoryBuildSource.ReadAsync(run.Job, run.Revision, config, run.Home, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException e)
        {
            throw new InvalidOperationException($"Could not read {run.Job.Repository!.ScriptPath} from {run.Job.Repository.Url}: {e.Message}", e);
        }
    }

    /// <summary>Answers the engine's inputs with what the API or the web page gives.</summary>
    private sealed class BrokerInputHandler(InputBroker broker) : IInputHandler
    {
        public async ValueTask<InputResponse> AskAsync(InputQuestion question, CancellationToken cancellationToken)
        {
            var answer = await broker.WaitAsync(question.Id, cancellationToken).ConfigureAwait(false);
            return new InputResponse(answer.Proceed, answer.Submitter, answer.Parameters);
        }
    }
}
