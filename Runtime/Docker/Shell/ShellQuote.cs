namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>POSIX shell quoting: single quotes, with <c>'</c> written as <c>'\''</c>. NUL cannot be passed and is dropped.</summary>
internal static class ShellQuote
{
    public static string Quote(string value) => "'" + value.Replace("\0", "", StringComparison.Ordinal).Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Whether <paramref name="name"/> can be assigned by the shell (letters, digits, underscore, not starting with a digit).</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
