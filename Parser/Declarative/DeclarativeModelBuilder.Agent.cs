using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Declarative;

internal sealed partial class DeclarativeModelBuilder
{
    /// <summary>
    /// <c>agent any</c>, <c>agent none</c>, <c>agent { label 'x' }</c>, <c>agent { docker 'img' }</c> or
    /// <c>agent { docker { image 'img'; args '...' } }</c>.
    /// </summary>
    private AgentNode? BuildAgent(Statement statement, MethodCallExpression call)
    {
        if (BlockCall.Match(call) is not { } block)
        {
            var arguments = call.Arguments;
            if (arguments.Count == 0)
            {
                Report(DiagnosticCatalog.ExpectedAgent(statement.Span));
                return null;
            }

            if (arguments.Count > 1 || arguments.Positional[0] is not VariableExpression { Name: "any" or "none" } bare)
            {
                Report(DiagnosticCatalog.InvalidAgent(statement.Span));
                return null;
            }

            return new AgentNode(bare.Name, null, [], [], statement.Span) { TypeSpan = bare.Span };
        }

        if (block.Statements.IsEmpty)
        {
            // Reported by the validator: "No agent type specified".
            return new AgentNode(string.Empty, null, [], [], statement.Span) { TypeSpan = call.NameSpan };
        }

        if (block.Statements.Length > 1)
        {
            Report(DiagnosticCatalog.OneAgentMax(statement.Span));
            return null;
        }

        if (BlockCall.AsCall(block.Statements[0]) is not { } type)
        {
            Report(DiagnosticCatalog.ExpectedAgent(block.Statements[0].Span));
            return null;
        }

        CheckArgumentValues(type.Arguments);
        if (BlockCall.Match(type) is { } typeBlock)
        {
            return new AgentNode(type.Name, null, BuildKeyValues(typeBlock), [], statement.Span) { TypeSpan = type.NameSpan };
        }

        Expression? value = type.Arguments switch
        {
            { Positional: [var single], Named.IsEmpty: true } => single,
            { Count: 0 } => null,
            _ => new MapExpression(type.Arguments.Named, type.Arguments.Span),
        };
        return new AgentNode(type.Name, value, [], [], statement.Span) { TypeSpan = type.NameSpan };
    }

    /// <summary>The <c>key value</c> entries of a block such as <c>docker { image 'x'; args '-v a:b' }</c>.</summary>
    private ImmutableArray<AgentOption> BuildKeyValues(BlockCall block)
    {
        var options = ImmutableArray.CreateBuilder<AgentOption>();
        foreach (var inner in block.Statements)
        {
            if (BlockCall.AsCall(inner) is not { } entry)
            {
                Report(DiagnosticCatalog.ExpectedKeyValue(inner.Span));
                continue;
            }

            CheckArgumentValues(entry.Arguments);
            if (BlockCall.Match(entry) is { } nested)
            {
                // A nested block (kubernetes' containerTemplate { ... }): kept as its closure.
                options.Add(new AgentOption(entry.Name, nested.Body, inner.Span) { NameSpan = entry.NameSpan });
                continue;
            }

            switch (entry.Arguments)
            {
                case { Count: 0 }:
                    Report(DiagnosticCatalog.KeyArgumentCount(inner.Span, entry.Name, none: true));
                    break;
                case { Positional: [var single], Named.IsEmpty: true }:
                    options.Add(new AgentOption(entry.Name, single, inner.Span) { NameSpan = entry.NameSpan });
                    break;
                case { Positional.IsEmpty: true }:
                    options.Add(new AgentOption(entry.Name, new MapExpression(entry.Arguments.Named, entry.Arguments.Span), inner.Span)
                    {
                        NameSpan = entry.NameSpan,
                    });
                    break;
                default:
                    Report(DiagnosticCatalog.KeyArgumentCount(inner.Span, entry.Name, none: false));
                    break;
            }
        }

        return options.ToImmutable();
    }
}
