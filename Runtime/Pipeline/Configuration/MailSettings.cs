namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// The SMTP server the <c>mail</c> step sends through (Jenkins' Mailer settings): its host and port, the sender
/// when the step names none, whether to require STARTTLS, and the id of a usernamePassword credential to log in with.
/// </summary>
public sealed record MailSettings(string SmtpHost)
{
    /// <summary>The sender when the step gives no <c>from</c> (Jenkins' "System Admin e-mail address").</summary>
    public const string DefaultFrom = "ContainerCd <containercd@localhost>";

    public int SmtpPort { get; init; } = 25;

    public string From { get; init; } = DefaultFrom;

    /// <summary>Upgrade the connection with STARTTLS, and fail when the server cannot; false sends in clear.</summary>
    public bool StartTls { get; init; }

    public string? CredentialsId { get; init; }
}
