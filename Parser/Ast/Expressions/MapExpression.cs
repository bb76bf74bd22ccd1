using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>[a: 1, 'b': 2, (k): v, *:other]</c>; <c>[:]</c> has no entries.</summary>
public sealed record MapExpression(ImmutableArray<NamedArgument> Entries, SourceSpan Span) : Expression(Span);
