using ContainerCd.Parser.Ast.Statements;

namespace ContainerCd.Parser.Grammar;

// The generated half of this class has names that differ only by case (IDENTIFIER, identifier()).
#pragma warning disable CA1708
public partial class JenkinsfileParser
#pragma warning restore CA1708
{
    public partial class StatementContext
    {
        /// <summary>The statement's AST, once built (see <see cref="JenkinsfileParserBase.StatementParsed"/>).</summary>
        internal Statement? Built { get; set; }
    }
}
