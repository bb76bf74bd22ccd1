using System.Globalization;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>How errors appear in the console log, as Jenkins prints them.</summary>
public static class PipelineErrors
{
    /// <summary>
    /// AbortException: <c>ERROR: message</c>; an interruption: its reason (or nothing); anything else:
    /// the exception and where it was raised (<c>at WorkflowScript.run(WorkflowScript:12)</c>), then for one
    /// ContainerCd did not expect, the .NET exception behind it with its stack trace.
    /// </summary>
    public static string Describe(ThrowableValue error)
    {
        if (error.IsAbort)
        {
            return "ERROR: " + error.Message;
        }

        if (error.IsInterruption)
        {
            return error.InterruptReason ?? string.Empty;
        }

        var text = error.ToString();
        if (error.Source is { } source && error.Span is { } span)
        {
            var line = source.GetPosition(span.Start).Line + 1;
            var file = System.IO.Path.GetFileName(source.Path);
            text += string.Create(CultureInfo.InvariantCulture, $"\n\tat WorkflowScript.run({(file is "Jenkinsfile" or "" ? "WorkflowScript" : file)}:{line})");
        }

        if (error.HostTrace is { } trace)
        {
            text += "\nCaused by: " + trace;
        }

        return text;
    }
}
