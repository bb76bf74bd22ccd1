using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record LabeledStatement(string Label, Statement Body, SourceSpan Span) : Statement(Span);
