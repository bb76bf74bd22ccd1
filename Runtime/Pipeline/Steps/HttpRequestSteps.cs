using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Notifications;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>httpRequest (the http_request plugin's step): one HTTP request, its response returned, checked against the accepted codes.</summary>
internal static class HttpRequestSteps
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "url", "httpMode", "contentType", "acceptType", "requestBody", "customHeaders", "validResponseCodes", "validResponseContent",
        "authentication", "consoleLogResponseBody", "quiet", "timeout", "outputFile",
    };

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        ["TEXT_HTML"] = "text/html",
        ["TEXT_PLAIN"] = "text/plain",
        ["APPLICATION_JSON"] = "application/json",
        ["APPLICATION_JSON_UTF8"] = "application/json; charset=UTF-8",
        ["APPLICATION_XML"] = "application/xml",
        ["APPLICATION_FORM"] = "application/x-www-form-urlencoded",
        ["APPLICATION_OCTETSTREAM"] = "application/octet-stream",
        ["APPLICATION_ZIP"] = "application/zip",
        ["APPLICATION_TAR"] = "application/x-tar",
    };

    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("httpRequest", RequestAsync);
    }

    /// <summary>
    /// url, httpMode (GET), contentType/acceptType (NOT_SET, APPLICATION_JSON...), requestBody, customHeaders
    /// ([[name:, value:, maskValue:]]), validResponseCodes ("100:399": codes and from:to ranges, comma-separated),
    /// validResponseContent, authentication (a usernamePassword credential, sent as Basic), consoleLogResponseBody,
    /// quiet, timeout (seconds), outputFile. Other parameters of the plugin (uploads, proxies, ignoreSslErrors) fail the step.
    /// </summary>
    private static async ValueTask<object?> RequestAsync(StepContext context)
    {
        var unsupported = context.Arguments.Named?.Keys.Select(k => k?.ToString() ?? string.Empty).Where(k => !Supported.Contains(k)).ToList() ?? [];
        if (unsupported.Count > 0)
        {
            throw context.Abort($"httpRequest: {string.Join(", ", unsupported)} {(unsupported.Count == 1 ? "is" : "are")} not supported by containercd (supported: {string.Join(", ", Supported)})");
        }

        var url = context.RequiredString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw context.Abort($"httpRequest: '{url}' is not an http(s) URL");
        }

        var mode = (context.Text("httpMode", int.MaxValue) ?? "GET").ToUpperInvariant();
        if (mode is not ("GET" or "HEAD" or "POST" or "PUT" or "DELETE" or "OPTIONS" or "PATCH"))
        {
            throw context.Abort($"httpRequest: httpMode '{mode}' is not one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
        }

        var quiet = context.Boolean("quiet", false);
        var accepted = context.Text("validResponseCodes", int.MaxValue) is { Length: > 0 } codes ? codes : "100:399";
        using var request = new HttpRequestMessage(new HttpMethod(mode), uri);
        var contentType = MediaType(context, "contentType");
        if (context.Text("requestBody", int.MaxValue) is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (MediaType(context, "acceptType") is { } accept)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        AddHeaders(context, request);
        if (context.Text("authentication", int.MaxValue) is { Length: > 0 } id)
        {
            var credential = context.Build.Request.Config.Credentials.FirstOrDefault(c => c.Id == id && c.Type == "usernamePassword")
                ?? throw context.Abort($"httpRequest: authentication '{id}' is no usernamePassword credential of the config");
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
            context.Build.Sink.Masker.Add(basic);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        if (!quiet)
        {
            context.Log("HttpMethod: " + mode);
            context.Log("URL: " + url);
            if (contentType is not null)
            {
                context.Log("Content-Type: " + contentType);
            }

            context.Log("Sending request to url: " + url);
        }

        var timeout = context.Number("timeout", int.MaxValue) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(10);
        int status;
        string reason;
        string content;
        HttpResponseHeaders responseHeaders;
        try
        {
            (status, reason, content, responseHeaders) = await WebhookClient.SendAsync(request, timeout, context.CancellationToken).ConfigureAwait(false);
        }
        catch (WebhookException e)
        {
            throw context.Abort("httpRequest: " + e.Message);
        }

        if (!quiet)
        {
            context.Log($"Response Code: HTTP/1.1 {status} {reason}");
            if (context.Boolean("consoleLogResponseBody", false))
            {
                context.Log("Response: \n" + content);
            }
        }

        if (!IsAccepted(context, status, accepted))
        {
            throw context.Abort($"Fail: Status code {status} is not in the accepted range: {accepted}");
        }

        if (!quiet)
        {
            context.Log($"Success: Status code {status} is in the accepted range: {accepted}");
        }

        if (context.Text("validResponseContent", int.MaxValue) is { Length: > 0 } expected && !content.Contains(expected, StringComparison.Ordinal))
        {
            throw context.Abort($"Fail: Response doesn't contain expected content '{expected}'");
        }

        if (context.Text("outputFile", int.MaxValue) is { Length: > 0 } outputFile)
        {
            await File.WriteAllTextAsync(context.ResolvePath(outputFile), content, context.CancellationToken).ConfigureAwait(false);
        }

        var headers = new GroovyMap(responseHeaders.Select(h => new KeyValuePair<object?, object?>(h.Key, new List<object?>(h.Value))));
        return new HttpResponseValue(status, content, headers);
    }

    private static string? MediaType(StepContext context, string parameter) =>
        context.Text(parameter, int.MaxValue) is not { } name || name == "NOT_SET" ? null
        : MediaTypes.TryGetValue(name, out var type) ? type
        : throw context.Abort($"httpRequest: {parameter} '{name}' is not one of NOT_SET, {string.Join(", ", MediaTypes.Keys)}");

    private static void AddHeaders(StepContext context, HttpRequestMessage request)
    {
        if (context.Argument("customHeaders", int.MaxValue) is not IEnumerable<object?> headers)
        {
            return;
        }

        foreach (var header in headers)
        {
            if (header is not GroovyMap map || !map.TryGetValue("name", out var name) || name is null)
            {
                throw context.Abort("httpRequest: customHeaders is a list of [name: 'X-Header', value: '...', maskValue: true]");
            }

            var value = map.TryGetValue("value", out var v) && v is not null ? FileSteps.Text(v) : string.Empty;
            if (map.TryGetValue("maskValue", out var mask) && mask is true && value.Length > 0)
            {
                context.Build.Sink.Masker.Add(value);
            }

            if (!request.Headers.TryAddWithoutValidation(FileSteps.Text(name), value))
            {
                request.Content?.Headers.TryAddWithoutValidation(FileSteps.Text(name), value);
            }
        }
    }

    /// <summary>Whether the status is in "100:399" (codes and from:to ranges, comma-separated), as the plugin reads it.</summary>
    private static bool IsAccepted(StepContext context, int status, string accepted)
    {
        foreach (var part in accepted.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split(':');
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw context.Abort($"httpRequest: validResponseCodes '{accepted}' is not a list of codes and from:to ranges");
            }

            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var to = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (status >= from && status <= to)
            {
                return true;
            }
        }

        return false;
    }
}
