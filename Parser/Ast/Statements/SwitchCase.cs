using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary>One or more <c>case x:</c> labels (and/or <c>default:</c>) followed by statements.</summary>
public sealed record SwitchCase(
    ImmutableArray<Expression> Labels,
    bool IsDefault,
    ImmutableArray<Statement> Statements,
    SourceSpan Span) : Node(Span);
