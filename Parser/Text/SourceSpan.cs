namespace ContainerCd.Parser.Text;

/// <summary>A range of characters in a source text, as a zero-based offset and a length.</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public static readonly SourceSpan Empty = new(0, 0);

    public int End => Start + Length;

    /// <summary>The span that covers both spans and everything between them.</summary>
    public static SourceSpan Between(SourceSpan first, SourceSpan last)
    {
        var start = Math.Min(first.Start, last.Start);
        return new SourceSpan(start, Math.Max(first.End, last.End) - start);
    }

    public override string ToString() => $"[{Start}..{End})";
}
