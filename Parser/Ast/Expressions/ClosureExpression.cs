using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>{ a, b -> ... }</c>. Without <c>-&gt;</c>, <see cref="HasExplicitParameters"/> is false and
/// the closure takes the implicit <c>it</c>; <c>{ -> ... }</c> takes none.
/// </summary>
public sealed record ClosureExpression(
    ImmutableArray<Parameter> Parameters,
    bool HasExplicitParameters,
    BlockStatement Body,
    SourceSpan Span) : Expression(Span);
