using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// A class scripts can create instances of: declared in the Jenkinsfile, or in a shared library's
/// <c>src/</c> (<see cref="QualifiedName"/> then carries its package). <see cref="File"/> is the parsed file it
/// comes from, so that its methods can create the file's other classes.
/// </summary>
public sealed record ScriptClass(string QualifiedName, ClassDeclaration Declaration, ScriptNode File, SourceText Source)
{
    /// <summary>A new object of this class with no fields set yet: its methods, and the file's classes for <c>new</c> inside them.</summary>
    public ScriptObject CreateObject() =>
        new(QualifiedName, File with { Methods = Declaration.Methods, Statements = [] }, Source) { IsInstance = true };
}
