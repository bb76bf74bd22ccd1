using System.Globalization;
using System.Text;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser;

/// <summary>
/// Prints an expression back as Groovy text, with every binary, unary and conditional operation in
/// parentheses (as Groovy's own <c>getText()</c> does): <c>a || b &amp;&amp; !c</c> prints
/// <c>(a || (b &amp;&amp; (!c)))</c>. Used in messages and as a test oracle for precedence.
/// </summary>
public static class GroovyText
{
    /// <summary>Prints <paramref name="expression"/>; with <paramref name="source"/>, closures and GStrings are quoted from it.</summary>
    public static string Print(Expression expression, SourceText? source = null, bool parenthesizeBinary = true)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var builder = new StringBuilder();
        new Printer(builder, source, parenthesizeBinary).Write(expression);
        return builder.ToString();
    }

    public static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "**",
        BinaryOperator.LeftShift => "<<",
        BinaryOperator.RightShift => ">>",
        BinaryOperator.UnsignedRightShift => ">>>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.NotIn => "!in",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Identical => "===",
        BinaryOperator.NotIdentical => "!==",
        BinaryOperator.Compare => "<=>",
        BinaryOperator.RegexFind => "=~",
        BinaryOperator.RegexMatch => "==~",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitXor => "^",
        BinaryOperator.And => "&&",
        _ => "||",
    };

    private sealed class Printer(StringBuilder output, SourceText? source, bool parenthesizeBinary)
    {
        public void Write(Expression expression)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (expression)
            {
                case StringLiteral s:
                    output.Append('\'').Append(s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                    break;
                case GStringExpression g when source is not null:
                    output.Append(source.GetText(g.Span));
                    break;
                case GStringExpression g:
                    WriteGString(g);
                    break;
                case ConstantExpression c:
                    output.Append(c.Value switch
                    {
                        null => "null",
                        bool b => b ? "true" : "false",
                        _ => Convert.ToString(c.Value, CultureInfo.InvariantCulture),
                    });
                    break;
                case VariableExpression v:
                    output.Append(v.Name);
                    break;
                case PropertyExpression p:
                    Write(p.Target);
                    output.Append(AccessText(p.Access));
                    WriteName(p.Name, p.DynamicName);
                    break;
                case MethodCallExpression m:
                    if (m.Target is not null)
                    {
                        Write(m.Target);
                        output.Append(AccessText(m.Access));
                    }

                    WriteName(m.Name, m.DynamicName);
                    WriteArguments(m.Arguments);
                    break;
                case CallExpression call:
                    Write(call.Callee);
                    WriteArguments(call.Arguments);
                    break;
                case BinaryExpression b:
                    Open();
                    Write(b.Left);
                    output.Append(' ').Append(OperatorText(b.Operator)).Append(' ');
                    Write(b.Right);
                    Close();
                    break;
                case UnaryExpression u:
                    WriteUnary(u);
                    break;
                case TernaryExpression t:
                    Open();
                    Write(t.Condition);
                    output.Append(" ? ");
                    Write(t.WhenTrue);
                    output.Append(" : ");
                    Write(t.WhenFalse);
                    Close();
                    break;
                case ElvisExpression e:
                    Open();
                    Write(e.Value);
                    output.Append(" ?: ");
                    Write(e.Fallback);
                    Close();
                    break;
                case AssignmentExpression a:
                    Open();
                    Write(a.Target);
                    output.Append(' ').Append(a.IsElvis ? "?=" : a.Operator is { } op ? OperatorText(op) + "=" : "=").Append(' ');
                    Write(a.Value);
                    Close();
                    break;
                case CastExpression c when c.IsAsOperator:
                    Open();
                    Write(c.Operand);
                    output.Append(" as ").Append(TypeText(c.Type));
                    Close();
                    break;
                case CastExpression c:
                    output.Append("((").Append(TypeText(c.Type)).Append(") ");
                    Write(c.Operand);
                    output.Append(')');
                    break;
                case InstanceOfExpression i:
                    Open();
                    Write(i.Operand);
                    output.Append(i.Negated ? " !instanceof " : " instanceof ").Append(TypeText(i.Type));
                    Close();
                    break;
                case RangeExpression r:
                    Open();
                    Write(r.From);
                    output.Append(r.Exclusive ? "..<" : "..");
                    Write(r.To);
                    Close();
                    break;
                case IndexExpression i:
                    Write(i.Target);
                    output.Append(i.Safe ? "?[" : "[");
                    WriteList(i.Indexes);
                    output.Append(']');
                    break;
                case ListExpression l:
                    output.Append('[');
                    WriteList(l.Elements);
                    output.Append(']');
                    break;
                case MapExpression m when m.Entries.IsEmpty:
                    output.Append("[:]");
                    break;
                case MapExpression m:
                    output.Append('[');
                    WriteNamed(m.Entries);
                    output.Append(']');
                    break;
                case SpreadExpression s:
                    output.Append('*');
                    Write(s.Operand);
                    break;
                case MethodPointerExpression p:
                    Write(p.Target);
                    output.Append(".&").Append(p.Name);
                    break;
                case ClassExpression c:
                    output.Append(TypeText(c.Type));
                    break;
                case NewExpression n:
                    output.Append("new ").Append(TypeText(n.Type with { ArrayRank = 0 }));
                    if (n.ArrayDimensions.IsEmpty)
                    {
                        WriteArguments(n.Arguments with { HasParentheses = true });
                    }
                    else
                    {
                        foreach (var dimension in n.ArrayDimensions)
                        {
                            output.Append('[');
                            if (dimension is not null)
                            {
                                Write(dimension);
                            }

                            output.Append(']');
                        }
                    }

                    break;
                case ClosureExpression c when source is not null:
                    output.Append(source.GetText(c.Span));
                    break;
                case ClosureExpression:
                    output.Append("{ ... }");
                    break;
                default:
                    output.Append("<error>");
                    break;
            }
        }

        private void Open()
        {
            if (parenthesizeBinary)
            {
                output.Append('(');
            }
        }

        private void Close()
        {
            if (parenthesizeBinary)
            {
                output.Append(')');
            }
        }

        private void WriteUnary(UnaryExpression u)
        {
            Open();
            switch (u.Operator)
            {
                case UnaryOperator.PostIncrement:
                    Write(u.Operand);
                    output.Append("++");
                    break;
                case UnaryOperator.PostDecrement:
                    Write(u.Operand);
                    output.Append("--");
                    break;
                default:
                    output.Append(u.Operator switch
                    {
                        UnaryOperator.Not => "!",
                        UnaryOperator.Negate => "-",
                        UnaryOperator.Plus => "+",
                        UnaryOperator.BitNot => "~",
                        UnaryOperator.PreIncrement => "++",
                        _ => "--",
                    });
                    Write(u.Operand);
                    break;
            }

            Close();
        }

        private void WriteName(string name, Expression? dynamicName)
        {
            if (dynamicName is null)
            {
                output.Append(name);
                return;
            }

            output.Append('(');
            Write(dynamicName);
            output.Append(')');
        }

        private void WriteArguments(ArgumentList arguments)
        {
            output.Append('(');
            var first = true;
            foreach (var named in arguments.Named)
            {
                Separator(ref first);
                WriteEntry(named);
            }

            foreach (var positional in arguments.Positional)
            {
                Separator(ref first);
                Write(positional);
            }

            output.Append(')');
        }

        private void WriteList(IEnumerable<Expression> items)
        {
            var first = true;
            foreach (var item in items)
            {
                Separator(ref first);
                Write(item);
            }
        }

        private void WriteNamed(IEnumerable<NamedArgument> entries)
        {
            var first = true;
            foreach (var entry in entries)
            {
                Separator(ref first);
                WriteEntry(entry);
            }
        }

        private void WriteEntry(NamedArgument entry)
        {
            switch (entry.Key)
            {
                case null:
                    output.Append("*:");
                    break;
                case StringLiteral { Quote: StringQuote.None } key:
                    output.Append(key.Value).Append(": ");
                    break;
                default:
                    Write(entry.Key);
                    output.Append(": ");
                    break;
            }

            Write(entry.Value);
        }

        private void Separator(ref bool first)
        {
            if (!first)
            {
                output.Append(", ");
            }

            first = false;
        }

        private void WriteGString(GStringExpression g)
        {
            output.Append('"');
            for (var i = 0; i < g.Strings.Length; i++)
            {
                output.Append(g.Strings[i]);
                if (i < g.Values.Length)
                {
                    output.Append("${");
                    Write(g.Values[i]);
                    output.Append('}');
                }
            }

            output.Append('"');
        }

        private static string AccessText(MemberAccessKind access) => access switch
        {
            MemberAccessKind.Safe => "?.",
            MemberAccessKind.Spread => "*.",
            MemberAccessKind.Attribute => ".@",
            _ => ".",
        };

        private static string TypeText(TypeReference type)
        {
            var text = type.Name;
            if (!type.TypeArguments.IsEmpty)
            {
                text += "<" + string.Join(", ", type.TypeArguments.Select(TypeText)) + ">";
            }

            for (var i = 0; i < type.ArrayRank; i++)
            {
                text += "[]";
            }

            return text;
        }
    }
}
