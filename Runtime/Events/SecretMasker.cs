namespace ContainerCd.Runtime.Events;

/// <summary>
/// Replaces every known secret with <c>****</c>, as Jenkins' credentials binding does. Secrets are
/// added when credentials are bound (<c>credentials()</c> in environment, <c>withCredentials</c>,
/// password parameters); the longest are replaced first, and each line of a multi-line secret (a
/// key file) is masked on its own too, since output is handled line by line.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "****";

    private readonly Lock _lock = new();
    private string[] _secrets = [];

    public bool IsEmpty => _secrets.Length == 0;

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 2)
        {
            return;
        }

        lock (_lock)
        {
            var set = new HashSet<string>(_secrets, StringComparer.Ordinal) { secret };
            foreach (var line in secret.Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Trim().Length >= 4)
                {
                    set.Add(trimmed);
                }
            }

            _secrets = [.. set.OrderByDescending(s => s.Length)];
        }
    }

    public string Apply(string text)
    {
        var secrets = _secrets;
        if (secrets.Length == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public string? ApplyNullable(string? text) => text is null ? null : Apply(text);
}
