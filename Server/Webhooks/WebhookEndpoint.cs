using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// <c>POST /webhook/git</c>: push, tag push and pull/merge request webhooks of GitHub, Gitea/Forgejo and GitLab. The jobs whose
/// repository the payload names (matched loosely, <see cref="GitUrls"/>) are candidates; only those whose secret
/// verifies the signature receive the push (<see cref="IRepositoryJobs.Pushed"/>). A missing or wrong signature
/// answers 401 and starts nothing; no secret appears in an answer or a log. Other events are acknowledged and ignored.
/// </summary>
internal static partial class WebhookEndpoint
{
    /// <summary>GitHub's own limit for a delivery.</summary>
    private const int MaxBodyBytes = 25 * 1024 * 1024;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhook/git", HandleAsync);
        app.MapMethods("/git/notifyCommit", [HttpMethods.Get, HttpMethods.Post], NotifyCommitEndpoint.Handle);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IRepositoryJobs repositories, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger(typeof(WebhookEndpoint));
        if (WebhookEvent.From(http.Request.Headers) is not { } webhook)
        {
            return Text(StatusCodes.Status400BadRequest, "Not a webhook this server understands: expected an X-GitHub-Event, X-Gitea-Event, X-Forgejo-Event or X-Gitlab-Event header.");
        }

        if (!webhook.IsPush && !webhook.IsPing && !webhook.IsChangeRequest)
        {
            return Text(StatusCodes.Status202Accepted, $"Event '{webhook.Name}' ignored: only push, tag push and pull/merge request events start builds.");
        }

        if (await ReadBodyAsync(http.Request).ConfigureAwait(false) is not { } body)
        {
            return Text(StatusCodes.Status413PayloadTooLarge, "The payload is larger than 25 MB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return Text(StatusCodes.Status400BadRequest, "The payload is not JSON: " + exception.Message);
        }

        using (document)
        {
            var urls = WebhookPayload.RepositoryUrls(webhook.Provider, document.RootElement);
            var candidates = repositories.All().Where(job => urls.Any(url => GitUrls.LooselyMatch(url, job.RepositoryUrl))).ToList();
            var repository = urls.FirstOrDefault() ?? "(no repository in the payload)";
            if (candidates.Count == 0)
            {
                LogNoJob(logger, webhook.Provider, repository);
                return Text(StatusCodes.Status404NotFound, $"No job uses repository {repository}.");
            }

            var verified = candidates.Where(job => job.WebhookSecret is { } secret && WebhookSignature.Verify(webhook.Provider, http.Request.Headers, body, secret)).ToList();
            if (verified.Count == 0)
            {
                LogRejected(logger, webhook.Provider, repository);
                return Text(StatusCodes.Status401Unauthorized, "The webhook's signature is missing or does not match the secret of any job using this repository; nothing was started.");
            }

            if (webhook.IsPing)
            {
                return Text(StatusCodes.Status200OK, "pong");
            }

            if (webhook.IsChangeRequest)
            {
                return ChangeRequested(logger, repositories, webhook, document.RootElement, verified, repository);
            }

            GitPush push;
            try
            {
                push = WebhookPayload.Push(webhook.Provider, document.RootElement);
            }
            catch (JsonException exception)
            {
                return Text(StatusCodes.Status400BadRequest, "Not a push payload: " + exception.Message);
            }

            var lines = verified.SelectMany(job => repositories.Pushed(job, push)).ToList();
            LogDelivered(logger, webhook.Provider, push.Ref, repository, verified.Count);
            return Text(StatusCodes.Status200OK, lines.Count == 0 ? "Nothing to build." : string.Join('\n', lines));
        }
    }

    private static IResult ChangeRequested(ILogger logger, IRepositoryJobs repositories, WebhookEvent webhook, JsonElement root, List<RepositoryJob> verified, string repository)
    {
        GitChangeRequestEvent change;
        try
        {
            change = WebhookPayload.ChangeRequest(webhook.Provider, root);
        }
        catch (JsonException exception)
        {
            return Text(StatusCodes.Status400BadRequest, $"Not a {(webhook.Provider == GitProvider.GitLab ? "merge" : "pull")} request payload: " + exception.Message);
        }

        var lines = verified.SelectMany(job => repositories.ChangeRequested(job, change)).ToList();
        LogDelivered(logger, webhook.Provider, change.Ref, repository, verified.Count);
        return Text(StatusCodes.Status200OK, lines.Count == 0 ? "Nothing to build." : string.Join('\n', lines));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), request.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    internal static IResult Text(int status, string text) => Results.Text(text + "\n", "text/plain; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} webhook for {Repository}: no job uses it")]
    private static partial void LogNoJob(ILogger logger, GitProvider provider, string repository);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} webhook for {Repository} refused: signature missing or wrong")]
    private static partial void LogRejected(ILogger logger, GitProvider provider, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} event for {Ref} of {Repository} delivered to {Jobs} job(s)")]
    private static partial void LogDelivered(ILogger logger, GitProvider provider, string @ref, string repository, int jobs);
}
