using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record TryStatement(
    BlockStatement Body,
    ImmutableArray<CatchClause> Catches,
    BlockStatement? Finally,
    SourceSpan Span) : Statement(Span);
