using ContainerCd.Parser.Syntax;

namespace ContainerCd.Parser.Grammar;

#pragma warning disable CA1708 // The generated half has names that differ only by case (IDENTIFIER, identifier()).
public partial class JenkinsfileParser
#pragma warning restore CA1708
{
    /// <summary>Predicts with a <see cref="SllConflictCounter"/> (sharing the generated parser's DFA cache) and returns it.</summary>
    internal SllConflictCounter CountSllConflicts()
    {
        var counter = new SllConflictCounter(this, _ATN, decisionToDFA, sharedContextCache);
        Interpreter = counter;
        return counter;
    }
}
