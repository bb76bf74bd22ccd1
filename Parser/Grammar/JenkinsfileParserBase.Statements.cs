namespace ContainerCd.Parser.Grammar;

public abstract partial class JenkinsfileParserBase
{
    /// <summary>
    /// Called with each statement as soon as it is parsed (its rule has exited, so its subtree is
    /// final). The AST builder turns it into a statement there and drops its subtree, so that the
    /// parse tree never holds more than the statements still open: most contexts die young, which
    /// keeps large files linear (the garbage collector no longer promotes a whole tree).
    /// </summary>
    public Action<JenkinsfileParser.StatementContext>? StatementParsed { get; set; }

    /// <summary>
    /// Set when the parse is being given up (too deep, too many errors): rules still exit on the
    /// way out, but their contexts are unfinished and no statement is built from them.
    /// </summary>
    public bool ParseAbandoned { get; set; }

    public override void ExitRule()
    {
        var context = Context;
        base.ExitRule();
        if (context is JenkinsfileParser.StatementContext { exception: null } statement && !ParseAbandoned && StatementParsed is { } parsed)
        {
            try
            {
                parsed(statement);
            }
            catch (InsufficientExecutionStackException)
            {
                ParseAbandoned = true;
                throw;
            }
        }
    }
}
