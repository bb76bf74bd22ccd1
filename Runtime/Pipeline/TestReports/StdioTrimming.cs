namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// Jenkins' trimming of a case's output (CaseResult.possiblyTrimStdio): a passing case keeps its first and last
/// 500 characters, a failing one its first and last 50,000, unless <c>keepLongStdio</c>; the middle becomes
/// <c>...[truncated N chars]...</c>.
/// </summary>
internal static class StdioTrimming
{
    private const int HalfOfPassing = 500;
    private const int HalfOfFailing = 50_000;

    public static string? Trim(string? text, bool passed, bool keepLongStdio)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var half = passed ? HalfOfPassing : HalfOfFailing;
        if (keepLongStdio || text.Length <= half * 2)
        {
            return text;
        }

        var middle = text.Length - (half * 2);
        return string.Concat(text.AsSpan(0, half), $"\n...[truncated {middle} chars]...\n", text.AsSpan(text.Length - half));
    }
}
