namespace ContainerCd.Server.Cli;

/// <summary>Process exit codes shared by the commands.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>lint: some file has an error.</summary>
    public const int LintErrors = 1;

    /// <summary>Bad command line, or a file that cannot be read.</summary>
    public const int Usage = 2;
}
