namespace ContainerCd.Runtime.Scm;

/// <summary>
/// What the machine's ssh needs to log in with a credential's key, written in a private folder the caller removes: the key
/// (owner-only before its content is written) and, for a key with a passphrase, an SSH_ASKPASS script that prints it from
/// the environment (ssh has no terminal). Used by git over ssh and by ssh:// Docker engines.
/// </summary>
internal static class SshKeyFiles
{
    /// <summary>Writes the private key to <c>FOLDER/key</c>, mode 0600, and returns its path.</summary>
    public static string WriteKey(string folder, string privateKey)
    {
        var key = Path.Combine(folder, "key");
        File.WriteAllText(key, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(key, privateKey.EndsWith('\n') ? privateKey : privateKey + "\n");
        return key;
    }

    /// <summary>Writes <c>FOLDER/askpass</c> and returns the environment that makes ssh ask it for the passphrase (batch mode must be off).</summary>
    public static IReadOnlyDictionary<string, string> AskpassEnvironment(string folder, string passphrase)
    {
        var askpass = Path.Combine(folder, "askpass");
        File.WriteAllText(askpass, "#!/bin/sh\nprintf '%s\\n' \"$CONTAINERCD_SSH_PASSPHRASE\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SSH_ASKPASS"] = askpass,
            ["SSH_ASKPASS_REQUIRE"] = "force",
            ["DISPLAY"] = ":0",
            ["CONTAINERCD_SSH_PASSPHRASE"] = passphrase,
        };
    }
}
