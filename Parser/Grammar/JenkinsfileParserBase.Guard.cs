using System.Runtime.CompilerServices;
using Antlr4.Runtime;

namespace ContainerCd.Parser.Grammar;

public abstract partial class JenkinsfileParserBase
{
    /// <summary>Every rule entry checks the stack, so deep input fails with a catchable exception.</summary>
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        EnsureStack();
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        EnsureStack();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    private void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            ParseAbandoned = true;
            throw new InsufficientExecutionStackException();
        }
    }
}
