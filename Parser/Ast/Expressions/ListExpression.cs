using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public sealed record ListExpression(ImmutableArray<Expression> Elements, SourceSpan Span) : Expression(Span);
