using System.Collections.Immutable;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The remote Docker engines of the config (<c>engines:</c>), as build nodes: an agent for a label goes to the
/// least-loaded node that has the label and a free executor; when every such node is busy (or offline) the build
/// waits, saying so in its log once, as Jenkins does ("Waiting for next available executor on ‘label’").
/// </summary>
public sealed class RemoteNodes : IAsyncDisposable
{
    private static readonly TimeSpan OfflineRecheck = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RemoteNodes(ImmutableArray<RemoteNode> nodes, TimeProvider time)
    {
        Nodes = nodes;
        _time = time;
    }

    public static RemoteNodes Empty { get; } = new([], TimeProvider.System);

    public ImmutableArray<RemoteNode> Nodes { get; }

    /// <summary>The clock of the nodes' checks and of their executors' work.</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// A client per engine of <paramref name="config"/>, TLS from its x509ClientCert credential, or through an ssh process
    /// (started when the node is first used) for an ssh:// engine; images the nodes lack come from <paramref name="local"/>.
    /// A credential that is missing or unreadable is an <see cref="ArgumentException"/> naming the engine.
    /// </summary>
    public static RemoteNodes Create(RuntimeConfig config, DockerEngine local, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(local);
        time ??= TimeProvider.System;
        var nodes = ImmutableArray.CreateBuilder<RemoteNode>();
        foreach (var definition in config.Engines)
        {
            if (SshEndpoint.Parse(definition.Docker, out var problem) is { } ssh)
            {
                var tunnel = new SshTunnel(ssh, SshCredential(config, definition), definition.KnownHosts);
                var forwarded = new DockerEndpoint(new Uri("unix://" + tunnel.LocalSocket), FromEnvironment: false);
                nodes.Add(new RemoteNode(definition, DockerEngine.Create(forwarded, null), local, time, tunnel));
                continue;
            }

            if (problem is not null)
            {
                throw new ArgumentException($"engine '{definition.Name}': {problem}");
            }

            var endpoint = new DockerEndpoint(new Uri(definition.Docker), FromEnvironment: false);
            var tls = definition.TlsCredentialsId is { } id ? Tls(config, definition, id) : null;
            nodes.Add(new RemoteNode(definition, DockerEngine.Create(endpoint, tls), local, time));
        }

        return new RemoteNodes(nodes.ToImmutable(), time);
    }

    private static CredentialDefinition? SshCredential(RuntimeConfig config, EngineDefinition engine)
    {
        if (engine.SshCredentialsId is not { } id)
        {
            return null;
        }

        var credential = config.Credentials.FirstOrDefault(c => c.Id == id);
        return EngineDefinition.CheckSshCredential(id, credential) is { } problem ? throw new ArgumentException($"engine '{engine.Name}': {problem}") : credential;
    }

    private static EngineTls Tls(RuntimeConfig config, EngineDefinition engine, string id)
    {
        var credential = config.Credentials.FirstOrDefault(c => c.Id == id)
            ?? throw new ArgumentException($"engine '{engine.Name}': there is no credential '{id}' (tlsCredentialsId) in the config's credentials");
        if (credential is not { Type: "x509ClientCert", ClientCertificate: { } certificate, ClientKey: { } key, ServerCaCertificate: { } authority })
        {
            throw new ArgumentException($"engine '{engine.Name}': the credential '{id}' is of type {credential.Type}; tlsCredentialsId needs an x509ClientCert (clientKey, clientCertificate, serverCaCertificate)");
        }

        try
        {
            return EngineTls.FromPem(certificate, key, authority);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"engine '{engine.Name}', credential '{id}': {e.Message}", e);
        }
    }

    /// <summary>Whether some node has this label (or name): a label agent for it is a remote node's.</summary>
    public bool Serves(string label) => Nodes.Any(node => Matches(node, label));

    /// <summary>Takes an executor on the least-loaded online node with the label, waiting while there is none.</summary>
    internal async Task<RemoteNode> AcquireAsync(string label, IShellOutput log, CancellationToken cancellationToken)
    {
        var candidates = Nodes.Where(node => Matches(node, label)).ToList();
        if (candidates.Count == 0)
        {
            throw new AgentStartException($"There are no nodes with the label ‘{label}’");
        }

        var announced = false;
        while (true)
        {
            var released = Volatile.Read(ref _released).Task;
            foreach (var node in candidates.Where(n => !n.Online || n.NeedsConnection))
            {
                await node.CheckAsync(node.Online ? null : OfflineRecheck, cancellationToken).ConfigureAwait(false);
            }

            var order = candidates.Where(n => n.Online)
                .OrderBy(n => (double)n.Busy / n.Definition.Executors)
                .ThenBy(n => n.Busy)
                .ThenBy(candidates.IndexOf);
            foreach (var node in order)
            {
                if (node.TryTakeExecutor())
                {
                    return node;
                }
            }

            if (!announced)
            {
                announced = true;
                log.Write("Still waiting to schedule task\n");
                var offline = candidates.Where(n => !n.Online).ToList();
                log.Write(offline.Count == candidates.Count
                    ? string.Join("", offline.Select(n => $"‘{n.Name}’ is offline ({n.OfflineReason})\n"))
                    : $"Waiting for next available executor on ‘{label}’\n");
            }

            await Task.WhenAny(released, Task.Delay(OfflineRecheck, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    internal void Release(RemoteNode node)
    {
        node.ReleaseExecutor();
        Interlocked.Exchange(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// The end of a build: what it left on any node (containers, workspace volumes) is removed; a node that does not
    /// answer now is swept of it when it answers again.
    /// </summary>
    public async ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken)
    {
        foreach (var node in Nodes.Where(n => !n.NeverConnected))
        {
            if (!node.Online || node.NeedsConnection || !await node.SweepBuildAsync(resourceScope, cancellationToken).ConfigureAwait(false))
            {
                node.RememberForSweep(resourceScope);
            }
        }
    }

    private static bool Matches(RemoteNode node, string label) => LabelExpression.Matches(label, node.Definition.Labels.Add(node.Name));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
