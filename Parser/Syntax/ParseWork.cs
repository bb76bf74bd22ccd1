namespace ContainerCd.Parser.Syntax;

/// <summary>What a parse cost, in units that do not depend on the machine (for tests and benchmarks).</summary>
internal sealed class ParseWork
{
    /// <summary>The tokens of the input (the end-of-file token included).</summary>
    public int Tokens { get; set; }

    /// <summary>Tokens read by the parser in all its passes, lookahead included.</summary>
    public long TokenReads { get; set; }

    /// <summary>Rule-stack levels walked by error recovery.</summary>
    public long RecoveryLevels { get; set; }

    /// <summary>Whether the input was parsed again from the start (after an error, see <see cref="GroovySyntax"/>).</summary>
    public bool SecondPass { get; set; }

    /// <summary>Full-context (LL) predictions in the error-recovering pass.</summary>
    public int FullContextPredictions { get; set; }

    /// <summary>Whether that pass gave up full-context prediction (over budget) and reported errors with SLL prediction.</summary>
    public bool FullContextAbandoned { get; set; }
}
