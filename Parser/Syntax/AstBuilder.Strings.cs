using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Grammar;
using ContainerCd.Parser.Text;
using static ContainerCd.Parser.Grammar.JenkinsfileParser;

namespace ContainerCd.Parser.Syntax;

internal sealed partial class AstBuilder
{
    private StringLiteral BuildStringLiteral(IToken token)
    {
        var quote = token.Type is JenkinsfileLexer.TSQ_STRING or JenkinsfileLexer.UNTERMINATED_TSQ
            ? StringQuote.TripleSingleQuoted
            : token.Type == JenkinsfileLexer.DQ_STRING ? StringQuote.DoubleQuoted : StringQuote.SingleQuoted;
        return new StringLiteral(StringValue(token), quote, Span(token));
    }

    /// <summary>The value of a string token without interpolation, read from the source between its quotes.</summary>
    private string StringValue(IToken token)
    {
        var start = token.StartIndex;
        var length = token.StopIndex - start + 1;
        if (start < 0 || length < 0 || start + length > _text.Length)
        {
            return string.Empty;
        }

        var text = _text.AsSpan(start, length);
        var body = token.Type switch
        {
            JenkinsfileLexer.TSQ_STRING when text.Length >= 6 => text[3..^3],
            JenkinsfileLexer.UNTERMINATED_TSQ when text.Length >= 3 => text[3..],
            JenkinsfileLexer.UNTERMINATED_SQ when text.Length >= 1 => text[1..],
            JenkinsfileLexer.TSQ_STRING or JenkinsfileLexer.UNTERMINATED_TSQ or JenkinsfileLexer.UNTERMINATED_SQ => [],
            _ => text.Length >= 2 ? text[1..^1] : [],
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

        var children = Children(context);
        var valueCount = 0;
        foreach (var child in children)
        {
            if (child is ITerminalNode { Symbol.Type: var type } && IsInterpolation(type))
            {
                valueCount++;
            }
        }

        var strings = ImmutableArray.CreateBuilder<string>(valueCount + 1);
        var values = ImmutableArray.CreateBuilder<Expression>(valueCount);
        var text = string.Empty;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is not ITerminalNode terminal)
            {
                continue;
            }

            var token = terminal.Symbol;
            switch (token.Type)
            {
                case JenkinsfileLexer.DQ_TEXT or JenkinsfileLexer.TDQ_TEXT:
                    text = Concat(text, StringEscapes.Unescape(TokenSpan(token)));
                    break;
                case JenkinsfileLexer.TDQ_QUOTE:
                    text = Concat(text, "\"");
                    break;
                case JenkinsfileLexer.DQ_DOLLAR or JenkinsfileLexer.TDQ_DOLLAR or JenkinsfileLexer.SLASHY_DOLLAR:
                    text = Concat(text, "$");
                    break;
                case JenkinsfileLexer.SLASHY_TEXT:
                    text = Concat(text, StringEscapes.UnescapeSlashy(token.Text));
                    break;
                case JenkinsfileLexer.DSLASHY_TEXT:
                    text = Concat(text, StringEscapes.UnescapeDollarSlashy(token.Text));
                    break;
                case JenkinsfileLexer.DQ_PATH or JenkinsfileLexer.TDQ_PATH or JenkinsfileLexer.SLASHY_PATH or JenkinsfileLexer.DSLASHY_PATH:
                    strings.Add(text);
                    text = string.Empty;
                    values.Add(BuildInterpolatedPath(token));
                    break;
                case JenkinsfileLexer.DQ_EXPR or JenkinsfileLexer.TDQ_EXPR or JenkinsfileLexer.SLASHY_EXPR or JenkinsfileLexer.DSLASHY_EXPR:
                    strings.Add(text);
                    text = string.Empty;
                    // The ${ token is followed by its gstringExpression (missing in a broken parse tree).
                    var expression = i + 1 < children.Count ? children[i + 1] as GstringExpressionContext : null;
                    values.Add(BuildInterpolation(expression, Span(token)));
                    break;
            }
        }

        strings.Add(text);
        var span = Span(context);
        return values.Count == 0
            ? new StringLiteral(strings[0], quote, span)
            : new GStringExpression(strings.MoveToImmutable(), values.MoveToImmutable(), quote, span);
    }

    private static bool IsInterpolation(int tokenType) => tokenType is
        JenkinsfileLexer.DQ_PATH or JenkinsfileLexer.TDQ_PATH or JenkinsfileLexer.SLASHY_PATH or JenkinsfileLexer.DSLASHY_PATH
        or JenkinsfileLexer.DQ_EXPR or JenkinsfileLexer.TDQ_EXPR or JenkinsfileLexer.SLASHY_EXPR or JenkinsfileLexer.DSLASHY_EXPR;

    private static string Concat(string text, string more) => text.Length == 0 ? more : text + more;

    private ReadOnlySpan<char> TokenSpan(IToken token)
    {
        var start = token.StartIndex;
        var length = token.StopIndex - start + 1;
        return start < 0 || length < 0 || start + length > _text.Length ? token.Text : _text.AsSpan(start, length);
    }

    private Expression BuildInterpolation(GstringExpressionContext? context, SourceSpan fallback)
    {
        var statements = BuildStatements(context);
        var span = context is null ? fallback : Span(context);
        var isLazy = context?.ARROW() is not null;
        if (!isLazy && statements is [ExpressionStatement single])
        {
            return single.Expression;
        }

        if (!isLazy && statements.IsEmpty)
        {
            return new ConstantExpression(null, span);
        }

        // "${-> x}" is a closure evaluated each time the string is; "${a; b}" runs both and yields b.
        var closure = new ClosureExpression([], true, new BlockStatement(statements, span), span);
        return isLazy ? closure : new CallExpression(closure, ArgumentList.None(span), span);
    }

    /// <summary><c>$a.b.c</c> inside a GString is the property path a.b.c.</summary>
    private static Expression BuildInterpolatedPath(IToken token)
    {
        var start = token.StartIndex + 1;
        var parts = token.Text[1..].Split('.');
        Expression current = new VariableExpression(parts[0], new SourceSpan(start, parts[0].Length));
        var offset = start + parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            offset += 1 + parts[i].Length;
            current = new PropertyExpression(current, parts[i], null, MemberAccessKind.Normal, new SourceSpan(start, offset - start));
        }

        return current;
    }
}
