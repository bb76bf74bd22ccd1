using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record SwitchStatement(Expression Subject, ImmutableArray<SwitchCase> Cases, SourceSpan Span) : Statement(Span);
