namespace ContainerCd.Entry;

/// <summary>Process exit codes shared by the commands (the server's map build results onto them: <c>RunExitCode</c>).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>lint: some file has an error. run: the build ended FAILURE.</summary>
    public const int LintErrors = 1;

    public const int Failure = 1;

    /// <summary>Bad command line, or a file that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>run: the build ended UNSTABLE.</summary>
    public const int Unstable = 3;

    /// <summary>run: the build ended ABORTED (an input was aborted, a timeout, Ctrl-C).</summary>
    public const int Aborted = 4;

    /// <summary>run: the build ended NOT_BUILT.</summary>
    public const int NotBuilt = 5;
}
