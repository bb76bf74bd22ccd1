using System.Globalization;
using System.Numerics;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Validation;

/// <summary>How Jenkins shows values and their Java classes in messages.</summary>
internal static class JenkinsValues
{
    /// <summary>A value as Jenkins prints it (ModelASTValue.toGroovy): a GString with its quotes, a non-literal as <c>${...}</c>.</summary>
    public static string Text(Expression expression, SourceText source) => expression switch
    {
        StringLiteral s => s.Value,
        ConstantExpression c => Literal(c.Value),
        GStringExpression => source.GetText(expression.Span).Trim(),
        _ => "${" + GroovyText.Print(expression, source) + "}",
    };

    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    public static string JavaClass(object? value) => value switch
    {
        string => "class java.lang.String",
        int => "class java.lang.Integer",
        long => "class java.lang.Long",
        BigInteger => "class java.math.BigInteger",
        decimal => "class java.math.BigDecimal",
        double => "class java.lang.Double",
        float => "class java.lang.Float",
        bool => "class java.lang.Boolean",
        _ => "class java.lang.Object",
    };

    /// <summary>True when the expression is a literal (string or constant), with its value.</summary>
    public static bool TryLiteral(Expression expression, out object? value)
    {
        switch (expression)
        {
            case StringLiteral s:
                value = s.Value;
                return true;
            case ConstantExpression c:
                value = c.Value;
                return true;
            case UnaryExpression { Operator: UnaryOperator.Negate, Operand: ConstantExpression { Value: int or long or decimal or double } n }:
                value = n.Value switch { int i => -i, long l => -l, decimal d => -d, double d => (object)-d, _ => null };
                return true;
            default:
                value = null;
                return false;
        }
    }

    public static bool IsValidIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
