using ContainerCd.Runtime.Notifications;
using ContainerCd.Runtime.Pipeline.Configuration;
using MimeKit;
using MimeKit.Text;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>Notifications: mail (Jenkins core Mailer's step), sent through the SMTP server of the config.</summary>
internal static class NotificationSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("mail", MailAsync);
        yield return new DelegateStep("emailext", EmailExtStep.RunAsync);
    }

    /// <summary>
    /// mail: to, cc, bcc (comma-separated addresses), from and replyTo, subject, body, mimeType (text/plain or
    /// text/html) and charset, as workflow-basic-steps' MailStep. It fails when no recipient is given, when no
    /// SMTP server is configured, and when the server does not take the mail, with the server's reason.
    /// </summary>
    private static async ValueTask<object?> MailAsync(StepContext context)
    {
        var subject = context.RequiredString("subject");
        var body = context.Text("body", int.MaxValue) ?? throw context.Abort("mail: body is required");
        var to = Addresses(context, "to");
        var cc = Addresses(context, "cc");
        var bcc = Addresses(context, "bcc");
        if (to.Count + cc.Count + bcc.Count == 0)
        {
            throw context.Abort("Email not sent. No recipients of any kind specified ('to', 'cc', 'bcc').");
        }

        var settings = Settings(context);
        var message = new MimeMessage { Subject = subject, Date = context.Build.Time.GetUtcNow() };
        message.From.AddRange(Addresses(context, "from") is { Count: > 0 } from ? from : Parse(context, "from", settings.From));
        message.ReplyTo.AddRange(Addresses(context, "replyTo"));
        message.To.AddRange(to);
        message.Cc.AddRange(cc);
        message.Bcc.AddRange(bcc);
        message.Body = Body(context, body, "text/plain");
        await SendAsync(context, settings, message).ConfigureAwait(false);
        return null;
    }

    /// <summary>The config's SMTP server, or the step fails saying how to configure one.</summary>
    internal static MailSettings Settings(StepContext context) =>
        context.Build.Request.Config.Mail
            ?? throw context.Abort($"{context.Step.Name}: no SMTP server is configured: add a 'mail:' section (smtpHost, smtpPort, from...) to the config file, or list {context.Step.Name} in its noopSteps to skip the step");

    /// <summary>Sends through the config's server (logged in with its credential); a refusal fails the step with the server's reason.</summary>
    internal static async Task SendAsync(StepContext context, MailSettings settings, MimeMessage message)
    {
        var login = settings.CredentialsId is { } id ? Login(context, id) : null;
        try
        {
            await SmtpMailer.SendAsync(settings, login, message, context.CancellationToken).ConfigureAwait(false);
        }
        catch (MailDeliveryException e)
        {
            throw context.Abort($"{context.Step.Name}: {e.Message}");
        }
    }

    internal static TextPart Body(StepContext context, string body, string defaultMimeType)
    {
        var mimeType = context.Text("mimeType", int.MaxValue) ?? defaultMimeType;
        var format = mimeType.ToLowerInvariant() switch
        {
            "text/plain" => TextFormat.Plain,
            "text/html" => TextFormat.Html,
            _ => throw context.Abort($"{context.Step.Name}: mimeType '{mimeType}' is not supported (text/plain or text/html)"),
        };
        var part = new TextPart(format);
        var charset = context.Text("charset", int.MaxValue) ?? "UTF-8";
        try
        {
            part.SetText(charset, body);
        }
        catch (ArgumentException)
        {
            throw context.Abort($"{context.Step.Name}: unknown charset '{charset}'");
        }

        return part;
    }

    private static CredentialDefinition Login(StepContext context, string id)
    {
        var credential = context.Build.Request.Config.Credentials.FirstOrDefault(c => c.Id == id)
            ?? throw context.Abort($"{context.Step.Name}: the config's mail.credentialsId '{id}' is no credential of the config");
        return credential.Type == "usernamePassword"
            ? credential
            : throw context.Abort($"{context.Step.Name}: the config's mail.credentialsId '{id}' must be a usernamePassword credential (it is {credential.Type})");
    }

    internal static InternetAddressList Addresses(StepContext context, string parameter) =>
        context.Text(parameter, int.MaxValue) is { } text && !string.IsNullOrWhiteSpace(text) ? Parse(context, parameter, text) : [];

    internal static InternetAddressList Parse(StepContext context, string parameter, string text) =>
        InternetAddressList.TryParse(text, out var list)
            ? list
            : throw context.Abort($"{context.Step.Name}: '{text}' ({parameter}) is not a list of e-mail addresses");
}
