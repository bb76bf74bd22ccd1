using System.Collections.Concurrent;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Testing;

/// <summary>
/// An agent that runs no process: each <c>sh</c> step is answered by a handler (by default it prints
/// <c>+ script</c> as <c>sh -x</c> would and exits 0), and every command is recorded.
/// </summary>
public sealed class FakeAgent(string workspace, Func<ShellCommand, (int ExitCode, string Output)>? handler = null) : IAgent
{
    public ConcurrentQueue<ShellCommand> Commands { get; } = new();

    public string NodeName => "fake";

    public IReadOnlyList<string> Labels => [];

    public string Workspace { get; } = workspace;

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    /// <summary>Whose Docker engine it claims to reach (this machine's unless a test says otherwise).</summary>
    public AgentEngine Engine { get; init; }

    public ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        Commands.Enqueue(command);
        var (exitCode, text) = handler?.Invoke(command) ?? (0, "+ " + command.Script + "\n");
        if (command.CaptureStdout)
        {
            return ValueTask.FromResult(new ShellResult(exitCode, text));
        }

        output.Write(text);
        return ValueTask.FromResult(new ShellResult(exitCode, null));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// Hands out <see cref="FakeAgent"/>s for the specs <paramref name="canStart"/> takes (by default host agents), remembering
/// each request and each build it was asked to release.
/// </summary>
public sealed class FakeAgentProvider(Func<ShellCommand, (int ExitCode, string Output)>? handler = null, Func<AgentSpec, bool>? canStart = null) : IAgentProvider
{
    public ConcurrentQueue<AgentRequest> Requests { get; } = new();

    /// <summary>The resource scopes of the builds released, in order.</summary>
    public ConcurrentQueue<string> Released { get; } = new();

    public ConcurrentQueue<FakeAgent> Agents { get; } = new();

    /// <summary>The <see cref="FakeAgent.Engine"/> of the agents it starts.</summary>
    public AgentEngine Engine { get; init; }

    public bool CanStart(AgentSpec spec) => canStart?.Invoke(spec) ?? spec is HostAgentSpec;

    public ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Enqueue(request);
        var agent = new FakeAgent(request.Workspace, handler) { Engine = Engine };
        Agents.Enqueue(agent);
        return ValueTask.FromResult<IAgent>(agent);
    }

    public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default)
    {
        Released.Enqueue(resourceScope);
        return ValueTask.CompletedTask;
    }
}
