using Antlr4.Runtime;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// A token stream that counts the tokens the parser reads: those it matches and those its adaptive
/// prediction reads ahead (and reads again for each decision). Read against the number of tokens,
/// that is the parser's work, which must stay proportional to the input on any input. It is also where
/// a parse observes its caller's cancellation.
/// </summary>
internal sealed class CountingTokenStream : CommonTokenStream
{
    public CountingTokenStream(ITokenSource tokenSource)
        : base(tokenSource)
    {
    }

    private const int CancellationCheckInterval = 4096;

    /// <summary>Tokens consumed so far, lookahead included.</summary>
    public long Reads { get; private set; }

    /// <summary>Observed every <see cref="CancellationCheckInterval"/> reads: the parser's heartbeat for a caller's deadline.</summary>
    public CancellationToken Cancellation { get; init; }

    public override void Consume()
    {
        if (++Reads % CancellationCheckInterval == 0)
        {
            Cancellation.ThrowIfCancellationRequested();
        }

        base.Consume();
    }
}
