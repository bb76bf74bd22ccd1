using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Antlr4.Runtime.Sharpen;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// ANTLR's prediction, counting the decisions where SLL prediction reached a conflict that its semantic
/// predicates do not settle: the only places where LL mode predicts with full context and may choose
/// otherwise (SLL mode takes the lowest alternative there). Both modes walk the same DFA and evaluate the
/// same predicates in the same way; so up to the first such conflict, a parse in SLL mode makes exactly the
/// decisions a parse in LL mode would.
/// </summary>
internal sealed class SllConflictCounter : ParserATNSimulator
{
    public SllConflictCounter(Antlr4.Runtime.Parser parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache sharedContextCache)
        : base(parser, atn, decisionToDFA, sharedContextCache)
    {
    }

    private bool _conflictWithPredicates;

    /// <summary>Predictions that reached a DFA state needing full context, so far.</summary>
    public int Conflicts { get; private set; }

    // Every DFA state a prediction walks comes from one of these two, before ANTLR looks at whether it
    // needs full context.
    protected override DFAState GetExistingTargetState(DFAState previousD, int t) => Observe(base.GetExistingTargetState(previousD, t));

    protected override DFAState ComputeTargetState(DFA dfa, DFAState previousD, int t) => Observe(base.ComputeTargetState(dfa, previousD, t));

    /// <summary>
    /// Called right after <see cref="Observe"/> returns a conflict state with predicates: LL mode evaluates them
    /// too and predicts with full context only if they leave more than one alternative.
    /// </summary>
    protected override BitSet EvalSemanticContext(PredPrediction[] predPredictions, ParserRuleContext outerContext, bool complete)
    {
        var alternatives = base.EvalSemanticContext(predPredictions, outerContext, complete);
        if (_conflictWithPredicates && alternatives.Cardinality() != 1)
        {
            Conflicts++;
        }

        _conflictWithPredicates = false;
        return alternatives;
    }

    private DFAState Observe(DFAState state)
    {
        _conflictWithPredicates = false;
        if (state is { requiresFullContext: true })
        {
            if (state.predicates is null)
            {
                Conflicts++;
            }
            else
            {
                _conflictWithPredicates = true;
            }
        }

        return state;
    }
}

/// <summary>An SLL pass met its first syntax error after a conflict: only an LL pass from the start reports it as LL would.</summary>
internal sealed class SllConflictBeforeErrorException : Exception
{
    public SllConflictBeforeErrorException()
        : base("A syntax error after an SLL conflict")
    {
    }
}
