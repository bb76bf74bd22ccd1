using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime.Tree;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Grammar;
using static ContainerCd.Parser.Grammar.JenkinsfileParser;

namespace ContainerCd.Parser.Syntax;

internal sealed partial class AstBuilder
{
    private static StringLiteral BuildStringLiteral(StringLiteralContext context)
    {
        var token = context.Start;
        var quote = token.Type is JenkinsfileLexer.TSQ_STRING or JenkinsfileLexer.UNTERMINATED_TSQ
            ? StringQuote.TripleSingleQuoted
            : token.Type == JenkinsfileLexer.DQ_STRING ? StringQuote.DoubleQuoted : StringQuote.SingleQuoted;
        return new StringLiteral(StringValue(context), quote, Span(context));
    }

    private static string StringValue(StringLiteralContext context)
    {
        var text = context.GetText();
        var body = context.Start.Type switch
        {
            JenkinsfileLexer.TSQ_STRING => text[3..^3],
            JenkinsfileLexer.UNTERMINATED_TSQ => text[3..],
            JenkinsfileLexer.UNTERMINATED_SQ => text[1..],
            _ => text.Length >= 2 ? text[1..^1] : string.Empty,
        };
        return StringEscapes.Unescape(body);
    }

    /// <summary>
    /// A GString becomes a <see cref="StringLiteral"/> when it interpolates nothing, so that
    /// <c>"abc"</c> and <c>'abc'</c> look alike to the validator and runtime.
    /// </summary>
    private Expression BuildGString(GstringContext context)
    {
        var begin = context.Start.Type;
        var quote = begin switch
        {
            JenkinsfileLexer.TDQ_BEGIN => StringQuote.TripleDoubleQuoted,
            JenkinsfileLexer.SLASHY_BEGIN => StringQuote.Slashy,
            JenkinsfileLexer.DSLASHY_BEGIN => StringQuote.DollarSlashy,
            _ => StringQuote.DoubleQuoted,
        };
        var strings = ImmutableArray.CreateBuilder<string>();
        var values = ImmutableArray.CreateBuilder<Expression>();
        var text = new StringBuilder();
        var expressions = context.gstringExpression();
        var expressionIndex = 0;

        foreach (var child in context.children)
        {
            if (child is not ITerminalNode terminal)
            {
                continue;
            }

            var token = terminal.Symbol;
            switch (token.Type)
            {
                case JenkinsfileLexer.DQ_TEXT or JenkinsfileLexer.TDQ_TEXT:
                    text.Append(StringEscapes.Unescape(token.Text));
                    break;
                case JenkinsfileLexer.TDQ_QUOTE:
                    text.Append('"');
                    break;
                case JenkinsfileLexer.SLASHY_TEXT:
                    text.Append(StringEscapes.UnescapeSlashy(token.Text));
                    break;
                case JenkinsfileLexer.DSLASHY_TEXT:
                    text.Append(StringEscapes.UnescapeDollarSlashy(token.Text));
                    break;
                case JenkinsfileLexer.DQ_PATH or JenkinsfileLexer.TDQ_PATH or JenkinsfileLexer.SLASHY_PATH or JenkinsfileLexer.DSLASHY_PATH:
                    strings.Add(text.ToString());
                    text.Clear();
                    values.Add(BuildInterpolatedPath(token));
                    break;
                case JenkinsfileLexer.DQ_EXPR or JenkinsfileLexer.TDQ_EXPR or JenkinsfileLexer.SLASHY_EXPR or JenkinsfileLexer.DSLASHY_EXPR:
                    strings.Add(text.ToString());
                    text.Clear();
                    var expression = expressionIndex < expressions.Length ? expressions[expressionIndex++] : null;
                    values.Add(BuildInterpolation(expression, Span(token)));
                    break;
            }
        }

        strings.Add(text.ToString());
        var span = Span(context);
        return values.Count == 0
            ? new StringLiteral(strings[0], quote, span)
            : new GStringExpression(strings.ToImmutable(), values.ToImmutable(), quote, span);
    }

    private Expression BuildInterpolation(GstringExpressionContext? context, Text.SourceSpan fallback)
    {
        var statements = context?.statement().Select(BuildStatement).Where(s => s is not Ast.Statements.EmptyStatement).ToImmutableArray() ?? [];
        var span = context is null ? fallback : Span(context);
        var isLazy = context?.ARROW() is not null;
        if (!isLazy && statements is [Ast.Statements.ExpressionStatement single])
        {
            return single.Expression;
        }

        if (!isLazy && statements.IsEmpty)
        {
            return new ConstantExpression(null, span);
        }

        // "${-> x}" is a closure evaluated each time the string is; "${a; b}" runs both and yields b.
        var closure = new ClosureExpression([], true, new Ast.Statements.BlockStatement(statements, span), span);
        return isLazy ? closure : new CallExpression(closure, ArgumentList.None(span), span);
    }

    /// <summary><c>$a.b.c</c> inside a GString is the property path a.b.c.</summary>
    private static Expression BuildInterpolatedPath(Antlr4.Runtime.IToken token)
    {
        var start = token.StartIndex + 1;
        var parts = token.Text[1..].Split('.');
        Expression current = new VariableExpression(parts[0], new Text.SourceSpan(start, parts[0].Length));
        var offset = start + parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            offset += 1 + parts[i].Length;
            current = new PropertyExpression(current, parts[i], null, MemberAccessKind.Normal, new Text.SourceSpan(start, offset - start));
        }

        return current;
    }
}
