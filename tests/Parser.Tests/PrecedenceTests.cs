using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>Operator precedence and associativity, checked by printing the parsed expression fully parenthesised.</summary>
public class PrecedenceTests
{
    [Theory]
    [InlineData("a || b && !c", "(a || (b && (!c)))")]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("2 ** 3 ** 2", "(2 ** (3 ** 2))")]
    [InlineData("-a ** 2", "(-(a ** 2))")]
    [InlineData("a == b && c != d", "((a == b) && (c != d))")]
    [InlineData("a < b == c > d", "((a < b) == (c > d))")]
    [InlineData("a ? b : c ? d : e", "(a ? b : (c ? d : e))")]
    [InlineData("a ?: b ?: c", "(a ?: (b ?: c))")]
    [InlineData("x = y = 1", "(x = (y = 1))")]
    [InlineData("a =~ /x/ || b ==~ 'y'", "((a =~ 'x') || (b ==~ 'y'))")]
    [InlineData("a in list && b instanceof String", "((a in list) && (b instanceof String))")]
    [InlineData("x as Integer + 1", "((x as Integer) + 1)")]
    [InlineData("a | b ^ c & d", "(a | (b ^ (c & d)))")]
    [InlineData("1..n + 1", "(1..(n + 1))")]
    [InlineData("a << 2 + 1", "(a << (2 + 1))")]
    [InlineData("!a.b?.c()", "(!a.b?.c())")]
    [InlineData("items*.name", "items*.name")]
    [InlineData("env.FOO ?: 'x'", "(env.FOO ?: 'x')")]
    [InlineData("[1, 2][0] + m[k]", "([1, 2][0] + m[k])")]
    [InlineData("i++ + ++j", "((i++) + (++j))")]
    [InlineData("a.&b", "a.&b")]
    [InlineData("count += 2 * x", "(count += (2 * x))")]
    [InlineData("(a, b) = [b, a]", "([a, b] = [b, a])")]
    [InlineData("\"$a$b\"", "\"${a}${b}\"")]
    [InlineData("\"$env.BRANCH_NAME-$x\"", "\"${env.BRANCH_NAME}-${x}\"")]
    [InlineData("café + 1", "(café + 1)")]
    [InlineData("(String) x + 1", "(((String) x) + 1)")]
    [InlineData("(Collection)['a', b]", "((Collection) ['a', b])")]
    [InlineData("(java.util.Set)['a'].size()", "((java.util.Set) ['a'].size())")]
    [InlineData("(list)[0]", "list[0]")]
    [InlineData("(list)?[0]", "list?[0]")]
    public void Expression_PrintsWithFullParentheses(string expression, string expected)
    {
        // Given
        var result = Jenkinsfile.ParseScript(new SourceText("Jenkinsfile", expression));

        // When
        var statement = Assert.IsType<ExpressionStatement>(Assert.Single(result.Script!.Statements));

        // Then
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, GroovyText.Print(statement.Expression));
    }
}
