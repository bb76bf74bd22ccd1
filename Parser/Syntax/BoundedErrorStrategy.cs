using Antlr4.Runtime;
using ContainerCd.Parser.Grammar;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// ANTLR's error recovery, bounded so that recovering costs linear time on any input. Each recovery
/// walks the whole rule stack (to compute the tokens it may resynchronise on), so:
/// at the end of the input, where nothing is left to resynchronise on, the parse stops at the first
/// error instead of letting every open rule recover in turn (N unclosed blocks cost N² there); and the
/// rule-stack levels that all recoveries walk are counted against a budget proportional to the input.
/// </summary>
internal sealed class BoundedErrorStrategy : DefaultErrorStrategy
{
    /// <summary>Rule-stack levels recovery may walk per token of input, plus a floor for small inputs.</summary>
    public const int LevelsPerToken = 32;
    public const int MinimumLevels = 100_000;

    private readonly long _budget;

    public BoundedErrorStrategy(int tokenCount)
    {
        _budget = MinimumLevels + ((long)LevelsPerToken * tokenCount);
    }

    /// <summary>The rule-stack levels walked by recovery so far.</summary>
    public long LevelsWalked { get; private set; }

    public override void Recover(Antlr4.Runtime.Parser recognizer, RecognitionException e)
    {
        if (e?.OffendingToken?.Type == TokenConstants.EOF)
        {
            // Prediction ran into the end of the input: so would every recovery from here.
            Stop(recognizer, ParseStoppedException.Reason.EndOfInput);
        }

        Charge(recognizer);
        base.Recover(recognizer, e);
    }

    public override IToken RecoverInline(Antlr4.Runtime.Parser recognizer)
    {
        if (recognizer.InputStream.LA(1) == TokenConstants.EOF)
        {
            // No token can be conjured up or deleted usefully at the end: report the rule's error and stop in Recover.
            throw new InputMismatchException(recognizer);
        }

        Charge(recognizer);
        return base.RecoverInline(recognizer);
    }

    private void Charge(Antlr4.Runtime.Parser recognizer)
    {
        if (recognizer.InputStream.LA(1) == TokenConstants.EOF)
        {
            Stop(recognizer, ParseStoppedException.Reason.EndOfInput);
        }

        var levels = 1;
        for (RuleContext? context = recognizer.Context; context is not null; context = context.Parent)
        {
            levels++;
        }

        LevelsWalked += levels;
        if (LevelsWalked > _budget)
        {
            Stop(recognizer, ParseStoppedException.Reason.RecoveryBudget);
        }
    }

    private static void Stop(Antlr4.Runtime.Parser recognizer, ParseStoppedException.Reason reason)
    {
        if (recognizer is JenkinsfileParserBase parser)
        {
            parser.ParseAbandoned = true;
        }

        throw new ParseStoppedException(reason);
    }
}

/// <summary>The error-recovering parse was given up (its errors are already reported).</summary>
internal sealed class ParseStoppedException : Exception
{
    public ParseStoppedException(Reason why)
        : base(why.ToString())
    {
        Why = why;
    }

    public enum Reason
    {
        /// <summary>An error at the end of the input: nothing more can be learnt.</summary>
        EndOfInput,

        /// <summary>Recovery walked more rule-stack levels than the input's budget.</summary>
        RecoveryBudget,
    }

    public Reason Why { get; }
}
