using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// Finds, in a <c>script { }</c> body of a stage on a remote node that gives its agents no Docker engine (no <c>socket:</c>),
/// the <c>docker</c> global's CLI operations run refuses there, and warns at each with run's words (JP2014):
/// <c>docker.build</c>, <c>docker.withRegistry(url, credentialsId)</c> (its login), and <c>run</c>, <c>withRun</c>,
/// <c>push</c>, <c>pull</c>, <c>tag(...)</c> on <c>docker.image('literal')</c>. An image held in a variable is not followed.
/// </summary>
internal sealed class DockerCliFinder(string nodeName, List<Diagnostic> diagnostics) : SyntaxWalker
{
    private static readonly HashSet<string> ImageOperations = new(StringComparer.Ordinal) { "run", "withRun", "push", "pull", "tag" };

    public override void Visit(Node? node)
    {
        if (node is MethodCallExpression { DynamicName: null } call && Operation(call) is { } operation)
        {
            diagnostics.Add(DiagnosticCatalog.StepRefusedByAgentEngine(call.NameSpan, DiagnosticCatalog.DockerCommandOnRemoteNodeMessage(operation, nodeName)));
        }

        base.Visit(node);
    }

    /// <summary>The operation as run names it when it refuses the call, or null for a call run does not refuse.</summary>
    private static string? Operation(MethodCallExpression call)
    {
        var arguments = call.Arguments.Positional.Count(a => a is not ClosureExpression);
        return call switch
        {
            { Target: VariableExpression { Name: "docker" }, Name: "build" } => "docker.build",
            { Target: VariableExpression { Name: "docker" }, Name: "withRegistry" } when arguments >= 2 && call.Arguments.Positional[1] is not StringLiteral { Value: "" } =>
                "docker.withRegistry (its docker login)",
            { Target: MethodCallExpression { Target: VariableExpression { Name: "docker" }, Name: "image", Arguments.Positional: [StringLiteral image, ..] }, Name: var name }
                when ImageOperations.Contains(name) && (name != "tag" || arguments > 0) => $"docker.image('{image.Value}').{name}",
            _ => null,
        };
    }
}
