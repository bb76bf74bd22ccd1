using System.Text.Json.Nodes;
using ContainerCd.Runtime.Notifications;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// slackSend and mattermostSend: a message posted as Slack-compatible JSON to the incoming webhook of the config
/// (<c>slack:</c> / <c>mattermost:</c>). As in Jenkins' plugins, a post that fails is an error in the log and the
/// build goes on, unless <c>failOnError: true</c>; the webhook's URL (its secret) never reaches the log.
/// </summary>
internal static class ChatSteps
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("slackSend", context => SendAsync(context, "Slack", context.Build.Request.Config.Slack, "slack"));
        yield return new DelegateStep("mattermostSend", context => SendAsync(context, "Mattermost", context.Build.Request.Config.Mattermost, "mattermost"));
    }

    private static async ValueTask<object?> SendAsync(StepContext context, string chat, ChatSettings? settings, string section)
    {
        var message = context.Text("message") ?? context.Text("text", int.MaxValue) ?? string.Empty;
        var channel = context.Text("channel", int.MaxValue) ?? settings?.Channel;
        var color = context.Text("color", int.MaxValue);
        var failOnError = context.Boolean("failOnError", false);
        if (settings is null)
        {
            throw context.Abort($"{context.Step.Name}: no {chat} webhook is configured: add a '{section}:' section (webhookUrl or webhookCredentialId, channel) to the config file, or list {context.Step.Name} in its noopSteps to skip the step");
        }

        var url = WebhookUrl(context, settings, section);
        context.Log($"{chat} Send Pipeline step running, values are - webhook: the config's {section} webhook, channel: {channel ?? "<empty>"}, color: {color ?? "<empty>"}");
        var payload = new JsonObject();
        if (channel is not null)
        {
            payload["channel"] = channel;
        }

        if (color is null)
        {
            payload["text"] = message;
        }
        else
        {
            payload["attachments"] = new JsonArray(new JsonObject { ["fallback"] = message, ["color"] = color, ["text"] = message });
        }

        string? failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = WebhookClient.Json(payload.ToJsonString()) };
            var (status, reason, content, _) = await WebhookClient.SendAsync(request, Timeout, context.CancellationToken).ConfigureAwait(false);
            failure = status is >= 200 and < 300 ? null : $"the webhook answered {status} {reason}{(content.Length > 0 ? ": " + Shorten(content) : string.Empty)}";
        }
        catch (WebhookException e)
        {
            failure = e.Message;
        }

        if (failure is not null)
        {
            var error = $"{chat} notification failed: {failure}";
            if (failOnError)
            {
                throw context.Abort(error);
            }

            context.Log("ERROR: " + error);
        }

        return null;
    }

    private static Uri WebhookUrl(StepContext context, ChatSettings settings, string section)
    {
        var url = settings.WebhookUrl;
        if (settings.WebhookCredentialId is { } id)
        {
            var credential = context.Build.Request.Config.Credentials.FirstOrDefault(c => c.Id == id)
                ?? throw context.Abort($"{context.Step.Name}: the config's {section}.webhookCredentialId '{id}' is no credential of the config");
            url = credential.Secret ?? throw context.Abort($"{context.Step.Name}: the credential '{id}' holds no secret text (the webhook's URL)");
            context.Build.Sink.Masker.Add(url);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw context.Abort($"{context.Step.Name}: the {section} webhook is not an http(s) URL");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
