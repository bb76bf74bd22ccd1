using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary><c>for (init; condition; updates)</c>.</summary>
public sealed record ForStatement(
    Statement? Initializer,
    Expression? Condition,
    ImmutableArray<Expression> Updates,
    Statement Body,
    SourceSpan Span) : Statement(Span);
