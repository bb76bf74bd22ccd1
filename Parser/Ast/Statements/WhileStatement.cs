using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary><c>while (c) body</c>, or <c>do body while (c)</c> when <see cref="IsDoWhile"/>.</summary>
public sealed record WhileStatement(Expression Condition, Statement Body, bool IsDoWhile, SourceSpan Span) : Statement(Span);
