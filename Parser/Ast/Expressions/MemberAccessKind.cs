namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>The operator before a property or method name: <c>.</c>, <c>?.</c>, <c>*.</c> or <c>.@</c>.</summary>
public enum MemberAccessKind
{
    Normal,
    Safe,
    Spread,
    Attribute,
}
