namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>How a string was written; <see cref="None"/> for a bare name used as a map key or argument name.</summary>
public enum StringQuote
{
    None,
    SingleQuoted,
    DoubleQuoted,
    TripleSingleQuoted,
    TripleDoubleQuoted,
    Slashy,
    DollarSlashy,
}
