using Antlr4.Runtime;

namespace ContainerCd.Parser.Grammar;

/// <summary>Semantic predicates the Groovy grammar needs where the syntax alone is ambiguous.</summary>
public abstract partial class JenkinsfileParserBase : Antlr4.Runtime.Parser
{
    protected JenkinsfileParserBase(ITokenStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
    }

    /// <summary>
    /// Groovy reads <c>String name</c> as a declaration and <c>echo name</c> as a command: a type
    /// name starts with an upper-case letter, or is a qualified name (java.util.List) whose last
    /// part does.
    /// </summary>
    protected bool IsTypeStart()
    {
        var i = 1;
        while (true)
        {
            var token = TokenStream.LT(i);
            if (token.Type is not (JenkinsfileLexer.IDENTIFIER or JenkinsfileLexer.CMD_IDENTIFIER))
            {
                return false;
            }

            if (char.IsUpper(token.Text[0]))
            {
                return true;
            }

            if (TokenStream.LT(i + 1).Type != JenkinsfileLexer.DOT || !char.IsLower(token.Text[0]))
            {
                return false;
            }

            i += 2;
        }
    }

    /// <summary>The precedence that <see cref="Precpred"/> compares with instead of the current one (while a prediction is made again later).</summary>
    internal int? PrecedenceOverride { get; set; }

    public override bool Precpred(RuleContext localctx, int precedence) =>
        PrecedenceOverride is { } saved ? precedence >= saved : base.Precpred(localctx, precedence);

    /// <summary>A cast <c>(Type) x</c> needs an operand right after the parenthesis.</summary>
    protected bool IsCastOperandStart() => TokenStream.LT(1).Type switch
    {
        JenkinsfileLexer.IDENTIFIER or JenkinsfileLexer.CMD_IDENTIFIER or JenkinsfileLexer.INTEGER_LITERAL or JenkinsfileLexer.FLOAT_LITERAL
            or JenkinsfileLexer.SQ_STRING or JenkinsfileLexer.TSQ_STRING or JenkinsfileLexer.DQ_STRING
            or JenkinsfileLexer.DQ_BEGIN or JenkinsfileLexer.TDQ_BEGIN or JenkinsfileLexer.LPAREN
            or JenkinsfileLexer.LBRACK or JenkinsfileLexer.THIS or JenkinsfileLexer.NEW
            or JenkinsfileLexer.NULL or JenkinsfileLexer.TRUE or JenkinsfileLexer.FALSE
            or JenkinsfileLexer.NOT => true,
        _ => false,
    };
}
