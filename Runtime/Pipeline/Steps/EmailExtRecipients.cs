using ContainerCd.Runtime.Groovy.Interpreter;
using MimeKit;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// emailext's recipientProviders, with what a repository-less server knows: developers() and culprits() are the
/// authors of the build's changes, requestor() and buildUser() the user who started it (when the user id is an
/// address). What cannot be resolved is logged as email-ext logs a user without an address, never dropped silently.
/// </summary>
internal static class EmailExtRecipients
{
    public static InternetAddressList Resolve(StepContext context, object? providers)
    {
        var addresses = new InternetAddressList();
        foreach (var provider in GroovyInterpreter.Iterate(providers))
        {
            if (provider is not DescribableValue { Symbol: var symbol })
            {
                throw context.Abort($"emailext: recipientProviders takes recipient providers such as developers() or requestor(), not '{provider}'");
            }

            switch (symbol)
            {
                case "developers" or "culprits":
                    foreach (var commit in context.Build.Scm.Commits.DistinctBy(c => c.AuthorEmail, StringComparer.OrdinalIgnoreCase))
                    {
                        Add(context, addresses, commit.AuthorName, commit.AuthorEmail);
                    }

                    break;
                case "requestor" or "buildUser":
                    if (context.Build.Request.Cause.Fields.TryGetValue("userId", out var user) && user is string userId)
                    {
                        Add(context, addresses, userId, userId);
                    }
                    else
                    {
                        context.Log($"{symbol}(): the build was not started by a user ({context.Build.Request.Cause.ShortDescription}), no recipient added");
                    }

                    break;
                default:
                    context.Log($"{symbol}(): containercd does not know this build's upstream builds, test history or contributors; no recipient added by it");
                    break;
            }
        }

        return addresses;
    }

    private static void Add(StepContext context, InternetAddressList addresses, string name, string address)
    {
        if (address.Contains('@', StringComparison.Ordinal) && MailboxAddress.TryParse(address, out var mailbox))
        {
            addresses.Add(mailbox);
        }
        else
        {
            context.Log($"Failed to send e-mail to {name} because no e-mail address is known, and no default e-mail domain is configured");
        }
    }
}
