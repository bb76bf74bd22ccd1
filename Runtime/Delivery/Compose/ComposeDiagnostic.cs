using System.Collections.Immutable;

namespace ContainerCd.Runtime.Delivery.Compose;

public enum ComposeSeverity
{
    Warning,
    Error,
}

/// <summary>One finding in a Compose template, at its 1-based line and column, printed <c>compose.yml:3:5: error: ...</c>.</summary>
public sealed record ComposeDiagnostic(string File, int Line, int Column, ComposeSeverity Severity, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == ComposeSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>A parsed template (null when it has errors) and everything found while reading it.</summary>
public sealed record ComposeParseResult(ComposeFile? File, ImmutableArray<ComposeDiagnostic> Diagnostics)
{
    public IEnumerable<ComposeDiagnostic> Errors => Diagnostics.Where(d => d.Severity == ComposeSeverity.Error);

    public IEnumerable<ComposeDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == ComposeSeverity.Warning);
}
