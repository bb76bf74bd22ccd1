using ContainerCd.Parser.Syntax;

namespace ContainerCd.Parser.Grammar;

#pragma warning disable CA1708 // The generated half has names that differ only by case (IDENTIFIER, identifier()).
public partial class JenkinsfileParser
#pragma warning restore CA1708
{
    /// <summary>Predicts with a <see cref="SllConflictChecker"/> (sharing the generated parser's DFA cache) and returns it.</summary>
    internal SllConflictChecker CheckSllConflicts(int checkBudget)
    {
        var checker = new SllConflictChecker(this, _ATN, decisionToDFA, sharedContextCache, checkBudget);
        Interpreter = checker;
        return checker;
    }
}
