using System.Net.Sockets;
using ContainerCd.Runtime.Pipeline.Configuration;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ContainerCd.Runtime.Notifications;

/// <summary>
/// Sends a message through the configured SMTP server with MailKit: STARTTLS when the config asks for it, a login
/// when it names a credential. Whatever goes wrong (the server is down, refuses a recipient or the login) is a
/// <see cref="MailDeliveryException"/> with the server's reason, never the credential's secret.
/// </summary>
internal static class SmtpMailer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task SendAsync(MailSettings settings, CredentialDefinition? login, MimeMessage message, CancellationToken cancellationToken)
    {
        var server = $"{settings.SmtpHost}:{settings.SmtpPort}";
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            if (login is not null)
            {
                await client.AuthenticateAsync(login.Username ?? string.Empty, login.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException)
        {
            throw new MailDeliveryException($"could not send the mail through {server}: {Reason(e)}", e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        SmtpCommandException command => $"the server answered {(int)command.StatusCode} {command.Message.Trim()}",
        AuthenticationException => "the server refused the login of the mail credential",
        SocketException socket => socket.Message,
        NotSupportedException => "the server does not offer STARTTLS (the config's mail.startTls is true)",
        _ => e.Message.Trim(),
    };
}

/// <summary>A mail the SMTP server did not take; the message says why.</summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
