using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Syntax;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser;

/// <summary>The entry point: parse a Jenkinsfile's text into its Groovy AST and diagnostics.</summary>
public static class Jenkinsfile
{
    public static ScriptParseResult ParseScript(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var script = GroovySyntax.Parse(source, diagnostics);
        return new ScriptParseResult(source, script, [.. diagnostics.OrderBy(d => d.Span.Start)]);
    }
}

/// <summary>A Jenkinsfile parsed as Groovy; <see cref="Script"/> is null when the text could not be parsed at all.</summary>
public sealed record ScriptParseResult(SourceText Source, ScriptNode? Script, ImmutableArray<Diagnostic> Diagnostics);
