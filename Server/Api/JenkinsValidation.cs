using System.Text;
using ContainerCd.Parser;
using ContainerCd.Parser.Text;

namespace ContainerCd.Server.Api;

/// <summary>
/// Answers <c>POST /pipeline-model-converter/validate</c> as Jenkins does: <c>Jenkinsfile successfully
/// validated.</c>, or <c>Errors encountered validating Jenkinsfile:</c> followed by one Groovy-style
/// error per problem (<c>WorkflowScript: 3: message @ line 3, column 5.</c>, the line and a caret).
/// </summary>
internal static class JenkinsValidation
{
    public const string Success = "Jenkinsfile successfully validated.";

    /// <summary>The largest request validated: Jetty's form limit (maxFormContentSize), which Jenkins applies to this form too.</summary>
    public const int MaxRequestBytes = 200_000;

    /// <summary>How long one validation may take (parsing is linear: 200 KB takes well under a second).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static string TooSlow { get; } =
        $"Errors encountered validating Jenkinsfile:\nValidation was stopped after {Deadline.TotalSeconds:0} seconds.\n";

    public static string TooLarge(long? bytes) =>
        "Errors encountered validating Jenkinsfile:\nThe request " + (bytes is { } size ? $"is {size} bytes" : "is too large")
        + $": at most {MaxRequestBytes} bytes are accepted.\n";

    /// <summary>Validates; <paramref name="cancellationToken"/> (the request's deadline) stops it with an <see cref="OperationCanceledException"/>.</summary>
    public static string Validate(string jenkinsfile, CancellationToken cancellationToken = default)
    {
        var source = new SourceText("WorkflowScript", jenkinsfile);
        var result = Jenkinsfile.ParseOrCancel(source, null, cancellationToken);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count == 0 && result.Pipeline is null)
        {
            return "Errors encountered validating Jenkinsfile:\nJenkinsfile content '" + jenkinsfile.Trim() + "' did not contain the 'pipeline' step\n";
        }

        if (errors.Count == 0)
        {
            return Success + "\n";
        }

        var text = new StringBuilder("Errors encountered validating Jenkinsfile:\n");
        foreach (var error in errors)
        {
            var position = source.GetPosition(error.Span.Start);
            var line = position.Line + 1;
            var column = position.Column + 1;
            text.Append("WorkflowScript: ").Append(line).Append(": ").Append(error.Message)
                .Append(" @ line ").Append(line).Append(", column ").Append(column).Append(".\n");
            var lineText = position.Line < source.LineCount ? source.GetLineText(position.Line) : string.Empty;
            text.Append("   ").Append(lineText).Append('\n');
            text.Append("   ").Append(' ', Math.Max(0, position.Column)).Append("^\n\n");
        }

        text.Append(errors.Count).Append(errors.Count == 1 ? " error\n" : " errors\n");
        return text.ToString();
    }
}
