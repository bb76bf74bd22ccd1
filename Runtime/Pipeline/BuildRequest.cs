using System.Collections.Immutable;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Everything one build needs: the Jenkinsfile, the job and its history, parameters and extra
/// environment, the configuration (agents, credentials, tools, libraries), where workspaces live,
/// how inputs are answered, and the agent providers (<see cref="Agents"/>).
/// </summary>
public sealed record BuildRequest
{
    public required SourceText Jenkinsfile { get; init; }

    public required string Job { get; init; }

    /// <summary>Where workspaces (<c>workspace/JOB</c>) and build data live.</summary>
    public required string Home { get; init; }

    public required IBuildHistory History { get; init; }

    /// <summary>A build number chosen by the caller (the server allocates it when queueing); null to allocate one.</summary>
    public int? Number { get; init; }

    /// <summary>The build's id in its events (the server's <c>job/number</c>); null to make one.</summary>
    public string? BuildId { get; init; }

    /// <summary>
    /// Labels what the build starts (host processes, Docker containers, networks and volumes) so that its end
    /// removes exactly those: unique across runs, homes and processes, which a <see cref="BuildId"/> such as
    /// <c>app/1</c> is not (two servers on one machine both build <c>app/1</c>). Null: made from the build id.
    /// </summary>
    public string? ResourceScope { get; init; }

    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Extra environment variables for the whole build (<c>-e NAME=VALUE</c>), e.g. BRANCH_NAME for a branch build.</summary>
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    public RuntimeConfig Config { get; init; } = RuntimeConfig.Empty;

    public BuildCause Cause { get; init; } = BuildCause.User("anonymous");

    public IInputHandler Inputs { get; init; } = InputHandlers.AbortAll;

    /// <summary>
    /// The agent providers, in order: an agent is started by the first whose <see cref="IAgentProvider.CanStart"/> takes
    /// its spec, and every one releases what the build left when it ends. The host provider alone by default; tests put
    /// fakes here, <c>run</c> and <c>serve</c> the Docker provider beside the host's.
    /// </summary>
    public ImmutableArray<IAgentProvider> Agents { get; init; } = [ContainerCd.Runtime.Agents.Host.HostAgentProvider.Instance];

    /// <summary>
    /// The registry builds push to, shared by the builds of a server; null: the config's <see cref="RuntimeConfig.Registry"/>
    /// under <see cref="Home"/>. A build whose Jenkinsfile names the local registry's address starts it first.
    /// </summary>
    public Delivery.Registry.ILocalRegistry? LocalRegistry { get; init; }

    /// <summary>Extensions that add steps and global variables (the Docker Pipeline globals, for instance).</summary>
    public ImmutableArray<IPipelineExtension> Extensions { get; init; } = [];

    /// <summary>Runs another job for the build step (job, parameters) and returns how it ended; null when no other job can run.</summary>
    public Func<string, ImmutableDictionary<string, string>, CancellationToken, Task<BuildOutcome>>? JobLauncher { get; init; }

    /// <summary>
    /// Told the triggers the build sets for its job (Declarative's <c>triggers { }</c> once the top-level environment is set, or
    /// the <c>properties</c> step; an empty list removes them), as Jenkins registers them then; the server schedules them.
    /// </summary>
    public Action<ImmutableArray<Triggers.JobTrigger>>? TriggersDeclared { get; init; }

    /// <summary>
    /// The project folder the Jenkinsfile came from (<c>containercd run</c>): <c>checkout scm</c> (and Declarative's
    /// automatic checkout) bring it into the workspace as it is on disk (a git working copy with its <c>.git</c>).
    /// </summary>
    public string? SourceDirectory { get; init; }

    /// <summary>The repository the Jenkinsfile was read from (<c>containercd run --repo</c>): <c>checkout scm</c> checks out its commit.</summary>
    public Scm.GitSource? Repository { get; init; }

    /// <summary>Restart from a stage of an earlier build: the stages before it are skipped.</summary>
    public string? RestartFromStage { get; init; }

    /// <summary>
    /// The earlier build a restart comes from (with <see cref="RestartFromStage"/>): as in Jenkins, this build
    /// runs that build's Jenkinsfile (kept under <c>HOME/builds/JOB/NUMBER/Jenkinsfile</c>), not the one given,
    /// and starts with that build's stashes (kept when it had <c>preserveStashes()</c>).
    /// </summary>
    public int? RestartFromBuild { get; init; }

    public ScriptLimits Limits { get; init; } = ScriptLimits.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When true (the default), <c>[Pipeline]</c> lines are written as Jenkins does.</summary>
    public bool PipelineLines { get; init; } = true;
}

/// <summary>The end of a build: its number and result.</summary>
public sealed record BuildOutcome(string BuildId, int Number, Results.BuildResult Result, TimeSpan Duration);
