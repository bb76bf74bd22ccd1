namespace ContainerCd.Parser.Text;

/// <summary>A zero-based line and column; printed one-based, as compilers and editors do.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => $"{Line + 1}:{Column + 1}";
}
