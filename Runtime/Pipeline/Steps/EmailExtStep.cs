using System.IO.Compression;
using System.Text;
using MimeKit;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// emailext (email-ext plugin's step), sent through the same SMTP server as mail: to and the recipient providers
/// this server can resolve, subject and body with email-ext's common tokens, mimeType (text/html by default, as
/// the plugin), from and replyTo, the console log so far as <c>build.log</c> (zipped as <c>build.zip</c> with
/// compressLog) and workspace files matched by attachmentsPattern. No recipient at all is logged and ignored, as
/// email-ext does; a server that does not take the mail fails the step with its reason.
/// </summary>
internal static class EmailExtStep
{
    public static async ValueTask<object?> RunAsync(StepContext context)
    {
        var recipients = NotificationSteps.Addresses(context, "to");
        recipients.AddRange(EmailExtRecipients.Resolve(context, context.Argument("recipientProviders", int.MaxValue)));
        var unique = new InternetAddressList(recipients.Mailboxes.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase));
        if (unique.Count == 0)
        {
            context.Log("An attempt to send an e-mail to empty list of recipients, ignored.");
            return null;
        }

        var settings = NotificationSteps.Settings(context);
        var tokens = new EmailExtTokens(context.Build);
        var message = new MimeMessage
        {
            Subject = tokens.Expand(context.RequiredString("subject")),
            Date = context.Build.Time.GetUtcNow(),
        };
        message.From.AddRange(NotificationSteps.Addresses(context, "from") is { Count: > 0 } from ? from : NotificationSteps.Parse(context, "from", settings.From));
        message.ReplyTo.AddRange(NotificationSteps.Addresses(context, "replyTo"));
        message.To.AddRange(unique);
        var body = new Multipart("mixed") { NotificationSteps.Body(context, tokens.Expand(context.Text("body", int.MaxValue) ?? string.Empty), "text/html") };
        foreach (var attachment in Attachments(context))
        {
            body.Add(attachment);
        }

        message.Body = body.Count == 1 ? body[0] : body;
        context.Log("Sending email to: " + string.Join(" ", unique.Mailboxes.Select(m => m.Address)));
        await NotificationSteps.SendAsync(context, settings, message).ConfigureAwait(false);
        return null;
    }

    private static List<MimePart> Attachments(StepContext context)
    {
        var parts = new List<MimePart>();
        if (context.Text("attachmentsPattern", int.MaxValue) is { } pattern && !string.IsNullOrWhiteSpace(pattern))
        {
            foreach (var file in context.Scan(pattern, excludes: null))
            {
                parts.Add(Part(MimeTypes.GetMimeType(file.Path), Path.GetFileName(file.Path), File.ReadAllBytes(file.FullPath)));
            }
        }

        if (context.Boolean("attachLog", defaultValue: false))
        {
            var log = Encoding.UTF8.GetBytes(context.Build.Sink.LogText());
            parts.Add(context.Boolean("compressLog", defaultValue: false) ? Part("application/zip", "build.zip", Zip("build.log", log)) : Part("text/plain", "build.log", log));
        }

        return parts;
    }

    private static MimePart Part(string mimeType, string name, byte[] content) => new(mimeType)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = name,
    };

    private static byte[] Zip(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry(name).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }
}
