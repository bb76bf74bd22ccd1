namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// A chat's incoming webhook (slackSend's Slack, mattermostSend's Mattermost): its URL, given in the config or,
/// as the URL holds the hook's secret, as a string credential of the config; and the channel when the step names none.
/// </summary>
public sealed record ChatSettings
{
    public string? WebhookUrl { get; init; }

    public string? WebhookCredentialId { get; init; }

    public string? Channel { get; init; }
}
