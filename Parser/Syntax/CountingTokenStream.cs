using Antlr4.Runtime;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// A token stream that counts the tokens the parser reads: those it matches and those its adaptive
/// prediction reads ahead (and reads again for each decision). Read against the number of tokens,
/// that is the parser's work, which must stay proportional to the input on any input.
/// </summary>
internal sealed class CountingTokenStream : CommonTokenStream
{
    public CountingTokenStream(ITokenSource tokenSource)
        : base(tokenSource)
    {
    }

    /// <summary>Tokens consumed so far, lookahead included.</summary>
    public long Reads { get; private set; }

    public override void Consume()
    {
        Reads++;
        base.Consume();
    }
}
