using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Cron;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// Checks the literal specs of <c>cron('...')</c> and <c>pollSCM('...')</c> wherever they are written (a
/// declarative <c>triggers { }</c>, or <c>properties([pipelineTriggers([...])])</c>) with Jenkins' cron parser:
/// a spec Jenkins refuses is an error at its position (run fails the same way), a suspicious one a warning
/// with Jenkins' advice. A spec computed at run time is checked when the build registers it.
/// </summary>
internal sealed class CronSpecChecker(List<Diagnostic> diagnostics) : SyntaxWalker
{
    public override void Visit(Node? node)
    {
        if (node is MethodCallExpression { Target: null, DynamicName: null, Name: "cron" or "pollSCM" } call
            && Spec(call) is { } literal)
        {
            Check(literal);
        }

        base.Visit(node);
    }

    private static StringLiteral? Spec(MethodCallExpression call)
    {
        var arguments = call.Arguments;
        var named = arguments.FindNamed(call.Name == "cron" ? "spec" : "scmpoll_spec")?.Value;
        return (named ?? (arguments.Positional.Length == 1 ? arguments.Positional[0] : null)) as StringLiteral;
    }

    private void Check(StringLiteral literal)
    {
        var parsed = CronSchedule.Parse(literal.Value);
        if (parsed.Error is { } error)
        {
            diagnostics.Add(DiagnosticCatalog.InvalidCronSpec(At(literal, error.Offset), error.Message));
        }
        else if (parsed.Schedule!.CheckSanity() is { } warning)
        {
            diagnostics.Add(DiagnosticCatalog.SuspiciousCronSpec(literal.Span, warning));
        }
    }

    /// <summary>The character of the spec at <paramref name="offset"/> when the literal is written as its value between quotes; else the literal.</summary>
    private static SourceSpan At(StringLiteral literal, int offset)
    {
        var quote = literal.Quote switch
        {
            StringQuote.SingleQuoted or StringQuote.DoubleQuoted => 1,
            StringQuote.TripleSingleQuoted or StringQuote.TripleDoubleQuoted => 3,
            _ => -1,
        };
        return quote > 0 && literal.Span.Length == literal.Value.Length + (2 * quote) && offset < literal.Value.Length
            ? new SourceSpan(literal.Span.Start + quote + offset, 1)
            : literal.Span;
    }
}
