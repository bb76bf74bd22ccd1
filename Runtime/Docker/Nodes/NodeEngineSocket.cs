using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.PassThrough;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The node's own engine socket (<c>socket:</c> in its <c>engines:</c> entry), given to its agents as this machine's engine
/// is given to local ones (see <see cref="EnginePassThrough"/>): the socket at /var/run/docker.sock, and the static docker
/// CLI with its labelling wrapper, which the node's machine gets once in a volume of its own (see the Cli part). Before any
/// agent gets it, the socket is checked once to be the node's engine (the Probe part): a socket that answers as another
/// engine (this machine's, by a mistaken path) or does not answer gives the node's agents no engine, and the docker
/// global's CLI operations there fail naming the node, the socket and both engines. Both are remembered until the node is
/// lost (then made and checked again when it is back).
/// </summary>
internal sealed partial class NodeEngineSocket(string nodeName, string endpoint, string socketPath, string? cliPath) : IDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private readonly string _nodeName = nodeName;

    /// <summary>The node's endpoint, as its messages name it.</summary>
    private readonly string _endpoint = endpoint;

    /// <summary>This machine's static docker CLI; null when there is none (the socket is then not given).</summary>
    private readonly string? _cliPath = cliPath;

    /// <summary>The CLI volume's folder on the node (its mount point there), once filled; null before.</summary>
    private string? _cliFolder;

    private bool _verified;

    /// <summary>Why the socket is not given (not the node's engine, no answer): the end of the refusal's message; null while it may be.</summary>
    private string? _problem;

    /// <summary>Whether <see cref="_problem"/> was the engine refusing a step of the preparation (the next agent tries again), not a verdict on the socket.</summary>
    private bool _retry;

    public string SocketPath { get; } = socketPath;

    /// <summary>
    /// The mounts of an agent's container on the node (the socket, the CLI and its wrapper), made and checked first if
    /// they were not yet, with <paramref name="image"/> (already on the node) as the helper containers' image; null, with the
    /// reason said once in <paramref name="log"/>, when the socket is not the node's engine.
    /// </summary>
    public async Task<IReadOnlyList<Mount>?> MountsAsync(DockerEngine node, string image, IShellOutput log, CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_problem is not null && !_retry)
            {
                return null;
            }

            _problem = null;
            _retry = false;

            if (_cliPath is null)
            {
                return Refuse("cannot be given: there is no statically linked docker CLI on this machine to give with it (set CONTAINERCD_DOCKER_CLI)", log);
            }

            try
            {
                _cliFolder ??= await FillCliVolumeAsync(node, image, _cliPath, cancellationToken).ConfigureAwait(false);
                if (!_verified)
                {
                    if (await ProbeAsync(node, image, _cliFolder, cancellationToken).ConfigureAwait(false) is { } problem)
                    {
                        return Refuse(problem, log);
                    }

                    _verified = true;
                }
            }
            catch (DockerApiException e)
            {
                // The node's engine refused a step of it (not a verdict on the socket): the next agent tries again.
                _retry = true;
                return Refuse($"could not be given: the node's engine answered {OneLine((e.ResponseBody is { Length: > 0 } body ? body : e.Message))}", log);
            }

            return Mounts(_cliFolder);
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>An agent's container could not be created for want of the CLI volume (removed on the node): it is made again.</summary>
    public async Task RemakeCliAsync(DockerEngine node, string image, CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _cliFolder = _cliPath is null ? null : await FillCliVolumeAsync(node, image, _cliPath, cancellationToken, force: true).ConfigureAwait(false);
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>The node was lost: when it is back, its CLI volume and its socket are looked at again.</summary>
    public void Forget()
    {
        _cliFolder = null;
        _verified = false;
        _problem = null;
        _retry = false;
    }

    /// <summary>Why the docker global's <paramref name="operation"/> is refused on an agent that did not get the socket (it proved not to be the node's engine).</summary>
    public string? Refusal(string operation) =>
        _problem is { } problem
            ? $"{operation} cannot run on the remote node '{_nodeName}': its socket {SocketPath} (socket: in its engines: entry) {problem}. "
                + "Its agents get no Docker engine rather than another one: name the socket of the node's own engine, as a path on the node"
            : null;

    private IReadOnlyList<Mount>? Refuse(string problem, IShellOutput log)
    {
        _problem = problem;
        log.Write($"The socket {SocketPath} of {_nodeName} {problem}: its agents get no Docker engine\n");
        return null;
    }

    private List<Mount> Mounts(string cliFolder) =>
    [
        Bind(SocketPath, EnginePassThrough.ContainerSocket, readOnly: false),
        Bind(cliFolder + "/" + CliFile, EnginePassThrough.ContainerCli, readOnly: true),
        Bind(cliFolder + "/" + WrapperFile, EnginePassThrough.ContainerWrapper, readOnly: true),
    ];

    /// <summary>A bind of a path on the node: one that is not there fails the container's creation (never an empty folder made in its place).</summary>
    private static Mount Bind(string source, string target, bool readOnly) => new() { Type = "bind", Source = source, Target = target, ReadOnly = readOnly };

    /// <summary>Whether a container's creation failed for want of a bind's source on the node (<c>bind source path does not exist</c>).</summary>
    public static bool IsMissingBindSource(DockerApiException e) =>
        e.StatusCode == System.Net.HttpStatusCode.BadRequest && (e.ResponseBody ?? e.Message).Contains("bind source path does not exist", StringComparison.Ordinal);

    public void Dispose() => _once.Dispose();
}
