using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Antlr4.Runtime.Sharpen;
using ContainerCd.Parser.Grammar;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// ANTLR's prediction in SLL mode, noting the decisions where SLL prediction reaches a conflict that its semantic
/// predicates do not settle: the only places where LL mode predicts with full context and may choose otherwise
/// (SLL mode takes the lowest alternative there). Both modes walk the same DFA and evaluate the same predicates in
/// the same way; so as long as LL's full-context prediction at each such conflict picks what SLL picked, a parse
/// in SLL mode makes exactly the decisions a parse in LL mode would. <see cref="LlAgrees"/> checks that for the
/// conflicts noted, when it matters (at a first syntax error), at the cost of the full-context predictions an LL
/// pass would have made there; a parse without errors pays nothing but the notes.
/// </summary>
internal sealed class SllConflictChecker : ParserATNSimulator
{
    private readonly JenkinsfileParserBase _parser;
    private readonly int _checkBudget;
    private readonly List<Conflict> _noted = [];
    private DFAState? _conflictWithPredicates;
    private bool _stopped;

    public SllConflictChecker(JenkinsfileParserBase parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache sharedContextCache, int checkBudget)
        : base(parser, atn, decisionToDFA, sharedContextCache)
    {
        _parser = parser;
        _checkBudget = checkBudget;
    }

    /// <summary>Conflicts met so far: the full-context predictions an LL parse would have made up to here.</summary>
    public int Conflicts { get; private set; }

    /// <summary>Full-context predictions made to check conflicts.</summary>
    public int Checks { get; private set; }

    /// <summary>More conflicts than an LL pass's full-context budget: such a pass would have given up before here.</summary>
    public bool OverBudget => Conflicts > _checkBudget;

    /// <summary>Predicts as ANTLR does from here on (a pass that parses again needs no notes).</summary>
    public void StopChecking()
    {
        _stopped = true;
        _noted.Clear();
    }

    /// <summary>
    /// Whether LL prediction picks what SLL picked at every conflict noted (the first ones, up to the budget: an LL
    /// pass gives up full-context prediction after them). Called between two predictions.
    /// </summary>
    public bool LlAgrees()
    {
        var tokens = (ITokenStream)_parser.InputStream;
        var position = tokens.Index;
        PredictionMode = PredictionMode.LL;
        try
        {
            foreach (var conflict in _noted)
            {
                Checks++;
                _parser.PrecedenceOverride = conflict.Precedence;
                input = tokens;
                thisDfa = conflict.Dfa;
                context = conflict.Context;
                startIndex = conflict.StartIndex;
                try
                {
                    var start = ComputeStartState(conflict.Dfa.atnStartState, conflict.Context, true);
                    if (ExecATNWithFullContext(conflict.Dfa, conflict.State, start, tokens, conflict.StartIndex, conflict.Context) != conflict.SllAlternative)
                    {
                        return false;
                    }
                }
                catch (NoViableAltException)
                {
                    // LL reports an error here, where SLL predicted on.
                    return false;
                }
            }

            return true;
        }
        finally
        {
            _noted.Clear();
            _parser.PrecedenceOverride = null;
            PredictionMode = PredictionMode.SLL;
            mergeCache = null;
            thisDfa = null;
            context = null;
            tokens.Seek(position);
        }
    }

    // Every DFA state a prediction walks comes from one of these two, before ANTLR looks at whether it
    // needs full context.
    protected override DFAState GetExistingTargetState(DFAState previousD, int t) => Observe(base.GetExistingTargetState(previousD, t));

    protected override DFAState ComputeTargetState(DFA dfa, DFAState previousD, int t) => Observe(base.ComputeTargetState(dfa, previousD, t));

    /// <summary>
    /// Called right after <see cref="Observe"/> returns a conflict state with predicates: LL mode evaluates them
    /// too and predicts with full context only if they leave more than one alternative (SLL mode takes the lowest).
    /// </summary>
    protected override BitSet EvalSemanticContext(PredPrediction[] predPredictions, ParserRuleContext outerContext, bool complete)
    {
        var alternatives = base.EvalSemanticContext(predPredictions, outerContext, complete);
        var conflict = _conflictWithPredicates;
        _conflictWithPredicates = null;
        if (conflict is not null && alternatives.Cardinality() != 1)
        {
            // None left: SLL reports an error here, where LL predicts on.
            Note(conflict, alternatives.Cardinality() == 0 ? ATN.INVALID_ALT_NUMBER : alternatives.NextSetBit(0));
        }

        return alternatives;
    }

    private DFAState Observe(DFAState state)
    {
        _conflictWithPredicates = null;
        if (state is { requiresFullContext: true } && PredictionMode == PredictionMode.SLL && !_stopped)
        {
            if (state.predicates is null)
            {
                Note(state, state.prediction);
            }
            else
            {
                _conflictWithPredicates = state;
            }
        }

        return state;
    }

    /// <summary>One conflict, at <paramref name="state"/>, where SLL predicts <paramref name="sllAlternative"/>: what LL needs to predict there later.</summary>
    private void Note(DFAState state, int sllAlternative)
    {
        Conflicts++;
        if (!OverBudget)
        {
            _noted.Add(new Conflict(thisDfa, state, startIndex, Snapshot(context), _parser.Precedence, sllAlternative));
        }
    }

    /// <summary>
    /// The rule stack as prediction reads it (each level's invoking state), copied: a left-recursive rule
    /// re-parents its contexts as it goes on.
    /// </summary>
    private static ParserRuleContext Snapshot(ParserRuleContext context)
    {
        var levels = new Stack<int>();
        for (RuleContext? level = context; level is not null; level = level.Parent)
        {
            levels.Push(level.invokingState);
        }

        ParserRuleContext? copy = null;
        while (levels.Count > 0)
        {
            copy = new ParserRuleContext(copy, levels.Pop());
        }

        return copy!;
    }

    private sealed record Conflict(DFA Dfa, DFAState State, int StartIndex, ParserRuleContext Context, int Precedence, int SllAlternative);
}

/// <summary>An SLL pass met its first syntax error after a conflict where LL would have parsed otherwise: only an LL pass from the start reports it as LL would.</summary>
internal sealed class SllConflictBeforeErrorException : Exception
{
    public SllConflictBeforeErrorException()
        : base("A syntax error after an SLL conflict")
    {
    }
}
