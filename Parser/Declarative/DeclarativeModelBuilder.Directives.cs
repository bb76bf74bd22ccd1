using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    /// <summary><c>options { }</c>, <c>parameters { }</c>, <c>triggers { }</c>: calls without blocks.</summary>
    private ImmutableArray<InvocationNode> BuildInvocations(Statement statement, MethodCallExpression call, InvocationKind kind)
    {
        var (section, expected, plural) = kind switch
        {
            InvocationKind.Option => ("options", "an option", "Options"),
            InvocationKind.Parameter => ("parameters", "a build parameter definition", "Build parameters"),
            _ => ("triggers", "a trigger", "Triggers"),
        };
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, section));
            return [];
        }

        return BuildInvocationList(block.Statements, expected, plural);
    }

    private ImmutableArray<InvocationNode> BuildInvocationList(ImmutableArray<Statement> statements, string expected, string plural)
    {
        var invocations = ImmutableArray.CreateBuilder<InvocationNode>();
        foreach (var inner in statements)
        {
            if (inner is ExpressionStatement { Expression: MapExpression })
            {
                Report(DiagnosticCatalog.MapNotAllowed(inner.Span, plural));
                continue;
            }

            if (BlockCall.AsCall(inner) is not { } invocation || !BlockCall.IsOnScript(invocation))
            {
                Report(DiagnosticCatalog.ExpectedDefinition(inner.Span, expected));
                continue;
            }

            if (invocation.Arguments.TrailingClosure is not null)
            {
                Report(DiagnosticCatalog.CannotHaveBlocks(inner.Span, plural));
                continue;
            }

            CheckArgumentValues(invocation.Arguments);
            CheckNoClosures(invocation.Arguments);
            invocations.Add(new InvocationNode(invocation.Name, invocation.Arguments, inner.Span) { NameSpan = invocation.NameSpan });
        }

        return invocations.ToImmutable();
    }

    /// <summary>Arguments of options, triggers and parameters are values or nested describables, never closures.</summary>
    private void CheckNoClosures(ArgumentList arguments)
    {
        foreach (var value in arguments.Positional.Concat(arguments.Named.Select(n => n.Value)))
        {
            switch (value)
            {
                case ClosureExpression:
                    Report(DiagnosticCatalog.MethodCallWithClosure(value.Span));
                    break;
                case MethodCallExpression nested:
                    CheckNoClosures(nested.Arguments);
                    break;
                case ListExpression list:
                    foreach (var element in list.Elements)
                    {
                        if (element is MethodCallExpression inList)
                        {
                            CheckNoClosures(inList.Arguments);
                        }
                    }

                    break;
            }
        }
    }

    private ToolsNode BuildTools(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "tools"));
            return new ToolsNode([], statement.Span);
        }

        var tools = ImmutableArray.CreateBuilder<InvocationNode>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } tool)
            {
                Report(DiagnosticCatalog.ExpectedTool(inner.Span));
                continue;
            }

            if (tool.Arguments.Count != 1)
            {
                Report(DiagnosticCatalog.ToolArgumentCount(inner.Span, tool.Name, none: tool.Arguments.Count == 0));
                continue;
            }

            CheckArgumentValues(tool.Arguments);
            tools.Add(new InvocationNode(tool.Name, tool.Arguments, inner.Span) { NameSpan = tool.NameSpan });
        }

        return new ToolsNode(tools.ToImmutable(), statement.Span);
    }

    private LibrariesNode BuildLibraries(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "libraries"));
            return new LibrariesNode([], statement.Span);
        }

        var libraries = ImmutableArray.CreateBuilder<Expression>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { Name: "lib" } library || !BlockCall.IsOnScript(library))
            {
                Report(DiagnosticCatalog.ExpectedLibrary(inner.Span, Text(inner)));
            }
            else if (library.Arguments.TrailingClosure is not null)
            {
                Report(DiagnosticCatalog.CannotHaveBlocks(inner.Span, "Libraries"));
            }
            else if (library.Arguments is not { Positional: [StringLiteral or GStringExpression], Named.IsEmpty: true })
            {
                Report(DiagnosticCatalog.ExpectedLibrary(inner.Span, Text(library)));
            }
            else
            {
                libraries.Add(library.Arguments.Positional[0]);
            }
        }

        return new LibrariesNode(libraries.ToImmutable(), statement.Span);
    }

    private InputNode? BuildInput(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            Report(DiagnosticCatalog.ExpectedBlockFor(statement.Span, "input"));
            return null;
        }

        var fields = ImmutableArray.CreateBuilder<AgentOption>();
        ParametersNode? parameters = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } field)
            {
                Report(DiagnosticCatalog.InvalidSectionDefinition(inner.Span, Text(inner)));
                continue;
            }

            if (!seen.Add(field.Name))
            {
                Report(DiagnosticCatalog.MultipleOfSection(inner.Span, field.Name));
            }

            if (field.Arguments.Count == 0)
            {
                Report(DiagnosticCatalog.FieldArgumentCount(inner.Span, field.Name, none: true));
                continue;
            }

            if (field.Name == "parameters")
            {
                parameters = new ParametersNode(BuildInvocations(inner, field, InvocationKind.Parameter), inner.Span);
                continue;
            }

            if (field.Arguments.Count > 1)
            {
                Report(DiagnosticCatalog.FieldArgumentCount(inner.Span, field.Name, none: false));
                continue;
            }

            if (field.Name is not ("message" or "id" or "ok" or "submitter" or "submitterParameter"))
            {
                Report(DiagnosticCatalog.InvalidInputField(field.NameSpan, field.Name));
                continue;
            }

            CheckArgumentValues(field.Arguments);
            var value = field.Arguments.Positional.IsEmpty ? field.Arguments.Named[0].Value : field.Arguments.Positional[0];
            fields.Add(new AgentOption(field.Name, value, inner.Span) { NameSpan = field.NameSpan });
        }

        return new InputNode(fields.ToImmutable(), parameters, statement.Span);
    }
}
