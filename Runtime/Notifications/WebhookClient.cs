using System.Net.Http.Headers;
using System.Text;

namespace ContainerCd.Runtime.Notifications;

/// <summary>
/// The HTTP client of the notification steps (slackSend, mattermostSend, httpRequest): one pooled client for the
/// process, each request under its own timeout. A request that cannot be made is an <see cref="WebhookException"/>
/// naming the host only, as a webhook's path is its secret.
/// </summary>
internal static class WebhookClient
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static async Task<(int Status, string Reason, string Content, HttpResponseHeaders Headers)> SendAsync(
        HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var host = request.RequestUri is { } uri ? $"{uri.Scheme}://{uri.Authority}" : "(no URL)";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await Client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, response.ReasonPhrase ?? string.Empty, content, response.Headers);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookException($"{host}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookException($"{host}: no answer within {timeout.TotalSeconds:0} s", e);
        }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>A request the notification steps could not make; the message names the host, never the path.</summary>
public sealed class WebhookException : Exception
{
    public WebhookException()
    {
    }

    public WebhookException(string message)
        : base(message)
    {
    }

    public WebhookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
