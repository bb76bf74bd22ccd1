using System.Security.Cryptography;
using ContainerCd.Runtime.Delivery.Registry;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Server.Api;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Live;
using ContainerCd.Server.Nodes;
using ContainerCd.Server.Repositories;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Triggers;
using ContainerCd.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Hosting;

/// <summary>
/// The <c>containercd serve</c> web application: REST and Jenkins endpoints, the hub, the viewer's
/// pages, the build queue and the store, on Kestrel. <see cref="StartAsync"/> returns once it listens.
/// </summary>
internal sealed class ServerApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerApp(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    /// <summary>The addresses Kestrel listens on (with the real port when 0 was asked).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>The API token in force, or empty when none is required.</summary>
    public string Token { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>How many builds a previous process left unfinished (ended ABORTED at start).</summary>
    public int AbortedAtStart { get; private init; }

    /// <summary>The Docker sweep that follows such aborts (null result when there was none).</summary>
    public Task<string?> LeftoverSweep { get; private init; } = Task.FromResult<string?>(null);

    public static async Task<ServerApp> StartAsync(
        ServeSettings settings, IPipelineExecutor executor, ILoggerProvider? logs = null, ServerSeams? seams = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        seams ??= ServerSeams.Default;
        var token = settings.Token ?? (ListenAddresses.AllLoopback(settings.Urls) ? null : RandomNumberGenerator.GetHexString(32, lowercase: true));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            Args = [],
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var paths = new BuildPaths(settings.Home);
        Directory.CreateDirectory(paths.Home);
        builder.Services.AddSingleton(seams.Time);
        var runtimeConfig = settings.ConfigFile is null ? RuntimeConfig.Empty : ConfigLoader.Load(settings.ConfigFile);
        builder.Services.AddSingleton(runtimeConfig);
        builder.Services.AddSingleton<ILocalRegistry>(new LocalRegistry(paths.Home, runtimeConfig.Registry));
        builder.Services.AddSingleton<RepositoryJobs>();
        builder.Services.AddSingleton(services => seams.Poller ?? services.GetRequiredService<RepositoryJobs>());
        builder.Services.AddSingleton(services => seams.RepositoryJobs ?? services.GetRequiredService<RepositoryJobs>());
        builder.Services.AddSingleton<MultibranchScanner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MultibranchScanner>());
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(_ => new BuildStore(paths.Database));
        builder.Services.AddSingleton<StoreWriter>();
        builder.Services.AddSingleton<LiveBuilds>();
        builder.Services.AddSingleton<SubscriptionManager>();
        builder.Services.AddSingleton<DeploymentFeed>();
        builder.Services.AddSingleton(new RouterAccess(seams.Router, () => BuildExtensions.Router(paths.Home), () => ContainerCd.Router.Client.RouterClient.HasRoutes(paths.Home)));
        builder.Services.AddSingleton(executor);
        builder.Services.AddSingleton<BuildQueue>();
        builder.Services.AddSingleton(services => new JobCatalog(settings.ConfigFile, paths.JobsFolder, services.GetRequiredService<BuildStore>()));
        builder.Services.AddSingleton<ServerContext>();
        builder.Services.AddSingleton<TriggerScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TriggerScheduler>());
        builder.Services.AddSingleton(seams.Nodes);
        builder.Services.AddSingleton<BuildNodes>();
        builder.Services.AddSingleton<NodeMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeMonitor>());
        builder.Services.AddSingleton(new TokenGate(token));
        builder.Services.AddSignalR(options => options.MaximumParallelInvocationsPerClient = 4);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        var app = builder.Build();
        var gate = app.Services.GetRequiredService<TokenGate>();
        app.Use((context, next) => gate.InvokeAsync(context, next));
        app.UseFolderPaths();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseFolderJobNames();
        app.MapRestApi();
        app.MapJenkinsApi();
        app.MapJenkinsMultibranchApi();
        app.MapJobDefinitionApi();
        app.MapTestReportApi();
        app.MapCoverageApi();
        app.MapJenkinsCoverageApi();
        app.MapRegistryApi();
        app.MapDeploymentApi();
        app.MapArtifactApi();
        app.MapReportApi();
        app.MapFingerprintApi();
        app.MapJenkinsInputApi();
        app.MapStageViewApi();
        app.MapJenkinsComputerApi();
        app.MapWebhooks();
        app.MapHub<BuildHub>("/hubs/builds");
        ViewerPages.Map(app);

        // Builds a previous process left unfinished end as ABORTED before anything new runs.
        var aborted = await RestartRecovery.AbortLeftoversAsync(
            app.Services.GetRequiredService<BuildStore>(), app.Services.GetRequiredService<StoreWriter>(), paths, TimeProvider.System).ConfigureAwait(false);
        var sweep = aborted > 0 && settings.SweepContainersOnRecovery
            ? ContainerSweep.SweepDeadOwnersAsync(CancellationToken.None)
            : Task.FromResult<string?>(null);
        var queue = app.Services.GetRequiredService<BuildQueue>();
        var jobs = app.Services.GetRequiredService<JobCatalog>();
        queue.FindJob = jobs.Find;
        _ = app.Services.GetRequiredService<SubscriptionManager>();
        _ = app.Services.GetRequiredService<DeploymentFeed>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ServerApp(app, token ?? string.Empty) { AbortedAtStart = aborted, LeftoverSweep = sweep };
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
