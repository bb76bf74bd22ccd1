using System.CommandLine;

namespace ContainerCd.Entry;

/// <summary>How every containercd command reports a bad command line (then it exits with <see cref="ExitCodes.Usage"/>).</summary>
internal static class UsageErrors
{
    /// <summary>Writes each parse error as <c>containercd: MESSAGE</c> and a pointer to the help; false when there is none.</summary>
    public static bool Report(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        if (parseResult.Errors.Count == 0)
        {
            return false;
        }

        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine($"containercd: {parseError.Message}");
        }

        error.WriteLine("Try 'containercd --help'.");
        return true;
    }
}
