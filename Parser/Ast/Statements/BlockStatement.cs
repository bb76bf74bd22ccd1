using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record BlockStatement(ImmutableArray<Statement> Statements, SourceSpan Span) : Statement(Span);
