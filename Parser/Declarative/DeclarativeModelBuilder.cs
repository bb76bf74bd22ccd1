using System.Collections.Immutable;
using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Declarative;

/// <summary>
/// Finds the top-level <c>pipeline { }</c> call in a parsed Jenkinsfile and builds the declarative
/// model from it, reporting the structural errors Jenkins' ModelParser reports (unknown sections,
/// a non-stage in <c>stages</c>, a non-step in <c>steps</c>...). A script without <c>pipeline</c> is
/// a scripted pipeline: no model and no error.
/// </summary>
internal sealed partial class DeclarativeModelBuilder
{
    private readonly SourceText _source;
    private readonly List<Diagnostic> _diagnostics;

    public DeclarativeModelBuilder(SourceText source, List<Diagnostic> diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    public PipelineNode? Build(ScriptNode script)
    {
        foreach (var statement in script.Statements)
        {
            if (BlockCall.AsCall(statement) is { Name: "pipeline" } call && BlockCall.IsOnScript(call))
            {
                return BuildPipeline(call);
            }
        }

        // A shared library's vars/x.groovy: `def call() { pipeline { } }`.
        foreach (var method in script.Methods)
        {
            if (method.Name == "call" && FindNestedPipeline(method.Body.Statements) is { } nested)
            {
                return BuildPipeline(nested);
            }
        }

        foreach (var statement in script.Statements)
        {
            CheckNotNested(statement);
        }

        return null;
    }

    private static MethodCallExpression? FindNestedPipeline(ImmutableArray<Statement> statements)
    {
        foreach (var statement in statements)
        {
            if (BlockCall.AsCall(statement) is { Name: "pipeline" } call && BlockCall.IsOnScript(call))
            {
                return call;
            }

            if (BlockCall.Match(statement) is { } block && FindNestedPipeline(block.Statements) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private void CheckNotNested(Statement statement)
    {
        if (BlockCall.Match(statement) is not { } block)
        {
            return;
        }

        if (block.Name == "pipeline")
        {
            Report(DiagnosticCatalog.PipelineNotAtTopLevel(statement.Span));
        }

        foreach (var inner in block.Statements)
        {
            CheckNotNested(inner);
        }
    }

    private PipelineNode? BuildPipeline(MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.PipelineWithoutBlock(call.Span));
            return null;
        }

        AgentNode? agent = null;
        StagesNode? stages = null;
        EnvironmentNode? environment = null;
        OptionsNode? options = null;
        ParametersNode? parameters = null;
        TriggersNode? triggers = null;
        ToolsNode? tools = null;
        PostNode? post = null;
        LibrariesNode? libraries = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in block.Statements)
        {
            if (BlockCall.AsCall(statement) is not { } section)
            {
                Report(DiagnosticCatalog.InvalidSectionDefinition(statement.Span, Text(statement)));
                continue;
            }

            var name = section.Name;
            if (!seen.Add(name))
            {
                Report(DiagnosticCatalog.MultipleOfSection(statement.Span, name));
            }

            switch (name)
            {
                case "stages":
                    stages = BuildStages(statement, section);
                    break;
                case "environment":
                    environment = BuildEnvironment(statement, section);
                    break;
                case "post":
                    post = BuildPost(statement, section);
                    break;
                case "agent":
                    agent = BuildAgent(statement, section);
                    break;
                case "tools":
                    tools = BuildTools(statement, section);
                    break;
                case "options":
                    options = new OptionsNode(BuildInvocations(statement, section, InvocationKind.Option), statement.Span);
                    break;
                case "parameters":
                    parameters = new ParametersNode(BuildInvocations(statement, section, InvocationKind.Parameter), statement.Span);
                    break;
                case "triggers":
                    triggers = new TriggersNode(BuildInvocations(statement, section, InvocationKind.Trigger), statement.Span);
                    break;
                case "libraries":
                    libraries = BuildLibraries(statement, section);
                    break;
                case "properties" or "wrappers" or "jobProperties" or "notifications" or "postBuild":
                    Report(DiagnosticCatalog.RemovedSection(statement.Span, name));
                    break;
                default:
                    Report(DiagnosticCatalog.UndefinedSection(statement.Span, name));
                    break;
            }
        }

        return new PipelineNode(agent, stages, environment, options, parameters, triggers, tools, post, libraries, call.Span);
    }

    private void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    /// <summary>The source text of a node, as Jenkins quotes it in messages.</summary>
    private string Text(Node node) => _source.GetText(node.Span).Trim();
}
