using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary><c>catch (IOException | Exception e)</c>; no types means any exception.</summary>
public sealed record CatchClause(ImmutableArray<string> Types, string Variable, BlockStatement Body, SourceSpan Span)
    : Node(Span);
