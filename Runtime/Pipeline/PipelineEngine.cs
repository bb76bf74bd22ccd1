using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Parser;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation;
using ContainerCd.Runtime.Delivery.Registry;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Libraries;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Runs one build of a Jenkinsfile and publishes its events: BuildStarted first, the console log as log
/// chunks (Jenkins' format, ending with <c>Finished: RESULT</c>), stage and step events, BuildFinished
/// last. Never throws for anything the build does: every failure becomes the build's result.
/// </summary>
public static class PipelineEngine
{
    public static async Task<BuildOutcome> RunAsync(BuildRequest request, IBuildObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        if (request.JobLauncher is null)
        {
            // The build step can start this same job again (a common "promote" pattern); other jobs need a server.
            request = request with
            {
                JobLauncher = (job, parameters, token) => job == request.Job
                    ? RunAsync(request with { Number = null, BuildId = null, Parameters = parameters, Cause = BuildCause.Upstream(request.Job, null) }, new NullObserver(), token)
                    : Task.FromException<BuildOutcome>(StepErrors.Abort($"Cannot build job '{job}': only this job ({request.Job}) is known to containercd run")),
            };
        }

        var number = request.Number ?? await request.History.AllocateBuildNumberAsync(request.Job, cancellationToken).ConfigureAwait(false);
        var restartError = RestartSources(ref request, number);
        KeepJenkinsfile(request, number);
        var buildId = request.BuildId ?? request.Job + "#" + number.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        // Unique even across homes and processes: it labels the build's containers and processes for cleanup.
        var resourceScope = request.ResourceScope ?? (request.BuildId is null ? buildId : buildId + "-" + Guid.NewGuid().ToString("N")[..8]);
        using var sink = new BuildEventSink(buildId, observer, new SecretMasker(), request.Time);
        using var root = CancellationScope.CreateRoot(cancellationToken);
        var build = new BuildContext(request, buildId, number, sink, root) { ResourceScope = resourceScope, Workspaces = new Workspaces(request.Home, request.Job) };
        sink.BuildStarted(request.Job, number, request.Cause.ShortDescription);
        var flow = new FlowContext { Cancellation = root, Build = build };
        build.Log(flow, request.Cause.ShortDescription);
        if (request.Repository is { } repository)
        {
            build.Log(flow, repository.ObtainedLine);
        }

        BuildResult result;
        try
        {
            build.PreviousBuild = await request.History.GetPreviousCompletedBuildAsync(request.Job, number, cancellationToken).ConfigureAwait(false);
            if (restartError is not null)
            {
                build.Log(flow, "ERROR: " + restartError);
                result = BuildResult.Failure;
            }
            else
            {
                result = await ExecuteAsync(build, flow).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = BuildResult.Aborted;
        }
#pragma warning disable CA1031 // The last resort of "never throws": a fault outside any step fails the build, which still ends and is recorded.
        catch (Exception e)
#pragma warning restore CA1031
        {
            build.Log(flow, PipelineErrors.Describe(StepErrors.Unexpected(e).Value));
            result = BuildResult.Failure;
        }
        finally
        {
            await ReleaseAgentsAsync(build, flow).ConfigureAwait(false);
        }

        build.Log(flow, "Finished: " + result.ToJenkinsName());
        var duration = request.Time.GetUtcNow() - build.StartedAt;
        try
        {
            await request.History.RecordCompletedAsync(
                new BuildSummary(request.Job, number, result, build.StartedAt, duration, build.DisplayName, build.Description, build.Scm.Revisions, build.Scm.Commits),
                CancellationToken.None).ConfigureAwait(false);
            await JobProperties.JobPropertyEffects.AfterBuildAsync(build, result).ConfigureAwait(false);
        }
        finally
        {
            build.ConcurrencyLock?.Dispose();
            sink.BuildFinished(result, duration);
        }

        return new BuildOutcome(buildId, number, result, duration);
    }

    /// <summary>
    /// Every provider releases what the build left (processes, containers, networks), whatever the build's end: a
    /// provider that fails to is named in the log, and the others still run; the result stays what it was.
    /// </summary>
    private static async ValueTask ReleaseAgentsAsync(BuildContext build, FlowContext flow)
    {
        foreach (var provider in build.Request.Agents)
        {
            try
            {
                await provider.ReleaseBuildAsync(build.ResourceScope, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A build never throws: a release that fails is reported, and the build ends as it was.
            catch (Exception e)
#pragma warning restore CA1031
            {
                build.Log(flow, $"WARNING: {provider.GetType().Name} could not release the build's resources: {e.Message}");
            }
        }
    }

    /// <summary>How a build's Jenkinsfiles are validated: the config's tool installations are the known ones.</summary>
    internal static ValidationOptions ValidationOptionsFor(BuildRequest request) => ValidationOptions.Default with
    {
        ToolInstallations = request.Config.Tools.IsEmpty
            ? null
            : request.Config.Tools.GroupBy(t => t.Type).ToImmutableDictionary(g => g.Key, g => g.Select(t => t.Name).ToImmutableArray()),
        WarnUnknownSteps = false,
        NoopSteps = [.. request.Config.NoopSteps],
    };

    /// <summary>Where a build's own files are kept: <c>HOME/builds/JOB/NUMBER</c> (the Jenkinsfile it ran).</summary>
    public static string BuildDirectory(string home, string job, int number) =>
        Path.Combine(Path.GetFullPath(home), "builds", job, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Keeps the Jenkinsfile a build runs, for a later restart of that build.</summary>
    private static void KeepJenkinsfile(BuildRequest request, int number)
    {
        try
        {
            var directory = BuildDirectory(request.Home, request.Job, number);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "Jenkinsfile"), request.Jenkinsfile.Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A restart runs the earlier build's Jenkinsfile and starts with its stashes, as Jenkins does; returns
    /// why it cannot (that build's Jenkinsfile was not kept), or null.
    /// </summary>
    private static string? RestartSources(ref BuildRequest request, int number)
    {
        if (request.RestartFromBuild is not { } from)
        {
            return null;
        }

        var kept = Path.Combine(BuildDirectory(request.Home, request.Job, from), "Jenkinsfile");
        if (!File.Exists(kept))
        {
            return $"Build #{from} of {request.Job} cannot be restarted: its Jenkinsfile was not kept ({kept} is missing)";
        }

        request = request with { Jenkinsfile = new SourceText(request.Jenkinsfile.Path, File.ReadAllText(kept)) };
        var stashes = Path.Combine(request.Home, "stashes", request.Job);
        var source = Path.Combine(stashes, from.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(source))
        {
            CopyDirectory(source, Path.Combine(stashes, number.ToString(CultureInfo.InvariantCulture)));
        }

        return null;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private sealed class NullObserver : IBuildObserver
    {
        public void OnEvent(BuildEvent buildEvent)
        {
        }
    }

    private static async ValueTask<BuildResult> ExecuteAsync(BuildContext build, FlowContext flow)
    {
        var request = build.Request;
        SetBaseEnvironment(build);
        var parsed = Jenkinsfile.Parse(request.Jenkinsfile, ValidationOptionsFor(request));
        if (parsed.HasErrors || parsed.Script is null)
        {
            build.Log(flow, ContainerCd.Parser.Diagnostics.JenkinsErrorReport.Render(request.Jenkinsfile, parsed.Diagnostics));
            return BuildResult.Failure;
        }

        if (!await RegistryForBuild.EnsureAsync(build, flow).ConfigureAwait(false))
        {
            return BuildResult.Failure;
        }

        var pipelines = new Dictionary<SourceText, PipelineNode>();
        if (parsed.Pipeline is not null)
        {
            pipelines[request.Jenkinsfile] = parsed.Pipeline;
        }

        var libraries = new LibraryLoader(build);
        build.Libraries = libraries;
        var host = new PipelineScriptHost(build, libraries, pipelines);
        build.Interpreter = new GroovyInterpreter(host, request.Limits, request.Time);
        build.Steps = BuiltinSteps.Create(request, build);
        var script = new ScriptObject("WorkflowScript", parsed.Script, request.Jenkinsfile);

        await build.EnterAsync().ConfigureAwait(false);
        build.PipelineLine(flow, "Start of Pipeline");
        GroovyException? error = null;
        try
        {
            await LoadLibrariesAsync(build, libraries, parsed, flow).ConfigureAwait(false);
            ApplyRequestParameters(build);

            await build.Interpreter.RunScriptAsync(script, flow).ConfigureAwait(false);
        }
        catch (GroovyException e)
        {
            error = e;
        }
        finally
        {
            build.Exit();
        }

        build.PipelineLine(flow, "End of Pipeline");
        var result = build.CurrentResult;
        if (error is not null)
        {
            var description = PipelineErrors.Describe(error.Value);
            if (description.Length > 0)
            {
                build.Log(flow, description);
            }

            result = result.Combine(StepErrors.ResultOf(error.Value));
        }

        if (Directory.Exists(build.StashRoot) && !(parsed.Pipeline?.Options?.Options.Any(o => o.Name == "preserveStashes") ?? false))
        {
            try
            {
                Directory.Delete(build.StashRoot, true);
            }
            catch (IOException)
            {
            }
        }

        return result;
    }

    private static void SetBaseEnvironment(BuildContext build)
    {
        var request = build.Request;
        var number = build.Number.ToString(CultureInfo.InvariantCulture);
        var environment = build.BaseEnvironment;
        environment["BUILD_NUMBER"] = number;
        environment["BUILD_ID"] = number;
        environment["BUILD_DISPLAY_NAME"] = "#" + number;
        environment["JOB_NAME"] = request.Job;
        environment["JOB_BASE_NAME"] = request.Job[(request.Job.LastIndexOf('/') + 1)..];
        environment["BUILD_TAG"] = "jenkins-" + request.Job.Replace('/', '-') + "-" + number;
        environment["JENKINS_HOME"] = Path.GetFullPath(request.Home);
        environment["BUILD_URL"] = "file://" + Path.GetFullPath(request.Home) + "/jobs/" + request.Job + "/" + number + "/";
        environment["JOB_URL"] = "file://" + Path.GetFullPath(request.Home) + "/jobs/" + request.Job + "/";
        environment["CI"] = "true";
        foreach (var (key, value) in request.Environment)
        {
            environment[key] = value;
        }
    }

    internal static void ApplyRequestParameters(BuildContext build)
    {
        foreach (var (name, value) in build.Request.Parameters)
        {
            build.Parameters[name] = value;
            build.BaseEnvironment[name] = value;
        }
    }

    private static async ValueTask LoadLibrariesAsync(BuildContext build, LibraryLoader libraries, JenkinsfileParseResult parsed, FlowContext flow)
    {
        foreach (var library in build.Request.Config.Libraries.Where(l => l.Implicit))
        {
            await libraries.LoadAsync(library.Name, flow).ConfigureAwait(false);
        }

        var annotations = parsed.Script!.Annotations.Concat(parsed.Script.Imports.SelectMany(i => i.Annotations)).Where(a => a.SimpleName == "Library");
        foreach (var annotation in annotations)
        {
            foreach (var argument in annotation.Arguments.Positional.Concat(annotation.Arguments.Named.Select(n => n.Value)))
            {
                var value = await build.Interpreter.EvaluateAsync(argument, new Frame(build.Interpreter, new ScriptObject("Library", parsed.Script, parsed.Source), new Scope(null), null, flow, parsed.Source, 0)).ConfigureAwait(false);
                foreach (var reference in GroovyInterpreter.Iterate(value is string ? new List<object?> { value } : value))
                {
                    await libraries.LoadAsync(GroovyFormat.ToDisplayString(reference), flow).ConfigureAwait(false);
                }
            }
        }

    }
}
