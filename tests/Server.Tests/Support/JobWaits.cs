using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContainerCd.Server.Tests.Support;

/// <summary>Waiting on a real server: a build's result once it is finished, or any probe, for at most 60 s.</summary>
internal static class JobWaits
{
    /// <summary>The result of build <paramref name="number"/> of the job at <c>/job/PATH/</c>, once it exists and is finished.</summary>
    public static async Task<string> ResultAsync(TestServer server, string path, int number, CancellationToken cancellationToken) => await UntilAsync(async () =>
    {
        using var response = await server.Http.GetAsync($"job/{path}/{number}/api/json", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var build = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return build.GetProperty("building").GetBoolean() ? null : build.GetProperty("result").GetString();
    }, cancellationToken);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("gave up waiting after 60 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
