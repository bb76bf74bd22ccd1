using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>libraries { lib('name@version') ... }</c>; entries as written, checked by the validator.</summary>
public sealed record LibrariesNode(ImmutableArray<Expression> Libraries, SourceSpan Span) : Node(Span);
