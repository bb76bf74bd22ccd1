using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Ast.Statements;

namespace ContainerCd.Parser.Ast;

/// <summary>
/// Visits every node of a Groovy syntax tree, parents before children, with one explicit case per node
/// type (no reflection). Override <see cref="Visit"/> to act on some nodes, and call the base to go on
/// into their children (or not, to skip a subtree). The declarative model's nodes have no children here.
/// </summary>
public abstract class SyntaxWalker
{
    public virtual void Visit(Node? node)
    {
        if (node is null)
        {
            return;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case ScriptNode script:
                VisitAll(script.Imports);
                VisitAll(script.Annotations);
                VisitAll(script.Methods);
                VisitAll(script.Classes);
                VisitAll(script.Statements);
                break;
            case ImportNode import:
                VisitAll(import.Annotations);
                break;
            case AnnotationNode annotation:
                Visit(annotation.Arguments);
                break;
            case ClassDeclaration declaration:
                VisitAll(declaration.Fields);
                VisitAll(declaration.Constructors);
                VisitAll(declaration.Methods);
                break;
            case MethodDeclaration method:
                VisitAll(method.Annotations);
                VisitAll(method.Parameters);
                Visit(method.Body);
                break;
            default:
                VisitStatement(node);
                break;
        }
    }

    private void VisitStatement(Node node)
    {
        switch (node)
        {
            case AssertStatement assert:
                Visit(assert.Condition);
                Visit(assert.Message);
                break;
            case BlockStatement block:
                VisitAll(block.Statements);
                break;
            case CatchClause clause:
                Visit(clause.Body);
                break;
            case ClassDeclarationStatement declaration:
                Visit(declaration.Class);
                break;
            case DeclarationStatement declaration:
                VisitAll(declaration.Annotations);
                VisitAll(declaration.Declarators);
                Visit(declaration.MultipleInitializer);
                break;
            case VariableDeclarator declarator:
                Visit(declarator.Initializer);
                break;
            case ExpressionStatement statement:
                Visit(statement.Expression);
                break;
            case ForInStatement forIn:
                Visit(forIn.Iterable);
                Visit(forIn.Body);
                break;
            case ForStatement loop:
                Visit(loop.Initializer);
                Visit(loop.Condition);
                VisitAll(loop.Updates);
                Visit(loop.Body);
                break;
            case IfStatement choice:
                Visit(choice.Condition);
                Visit(choice.Then);
                Visit(choice.Else);
                break;
            case LabeledStatement labeled:
                Visit(labeled.Body);
                break;
            case MethodDeclarationStatement declaration:
                Visit(declaration.Method);
                break;
            case ReturnStatement statement:
                Visit(statement.Value);
                break;
            case SwitchStatement choice:
                Visit(choice.Subject);
                VisitAll(choice.Cases);
                break;
            case SwitchCase switchCase:
                VisitAll(switchCase.Labels);
                VisitAll(switchCase.Statements);
                break;
            case ThrowStatement statement:
                Visit(statement.Value);
                break;
            case TryStatement attempt:
                Visit(attempt.Body);
                VisitAll(attempt.Catches);
                Visit(attempt.Finally);
                break;
            case WhileStatement loop:
                Visit(loop.Condition);
                Visit(loop.Body);
                break;
            default:
                VisitExpression(node);
                break;
        }
    }

    private void VisitExpression(Node node)
    {
        switch (node)
        {
            case ArgumentList arguments:
                VisitAll(arguments.Positional);
                VisitAll(arguments.Named);
                break;
            case NamedArgument named:
                Visit(named.Key);
                Visit(named.Value);
                break;
            case AssignmentExpression assignment:
                Visit(assignment.Target);
                Visit(assignment.Value);
                break;
            case BinaryExpression binary:
                Visit(binary.Left);
                Visit(binary.Right);
                break;
            case CallExpression call:
                Visit(call.Callee);
                Visit(call.Arguments);
                break;
            case CastExpression cast:
                Visit(cast.Operand);
                break;
            case ClosureExpression closure:
                VisitAll(closure.Parameters);
                Visit(closure.Body);
                break;
            case Parameter parameter:
                Visit(parameter.DefaultValue);
                break;
            case ElvisExpression elvis:
                Visit(elvis.Value);
                Visit(elvis.Fallback);
                break;
            case GStringExpression gstring:
                VisitAll(gstring.Values);
                break;
            case IndexExpression index:
                Visit(index.Target);
                VisitAll(index.Indexes);
                break;
            case InstanceOfExpression instanceOf:
                Visit(instanceOf.Operand);
                break;
            case ListExpression list:
                VisitAll(list.Elements);
                break;
            case MapExpression map:
                VisitAll(map.Entries);
                break;
            case MethodCallExpression call:
                Visit(call.Target);
                Visit(call.DynamicName);
                Visit(call.Arguments);
                break;
            case MethodPointerExpression pointer:
                Visit(pointer.Target);
                break;
            case NewExpression creation:
                Visit(creation.Arguments);
                foreach (var dimension in creation.ArrayDimensions)
                {
                    Visit(dimension);
                }

                if (creation.ArrayElements is { } elements)
                {
                    VisitAll(elements);
                }

                break;
            case PropertyExpression property:
                Visit(property.Target);
                Visit(property.DynamicName);
                break;
            case RangeExpression range:
                Visit(range.From);
                Visit(range.To);
                break;
            case SpreadExpression spread:
                Visit(spread.Operand);
                break;
            case TernaryExpression ternary:
                Visit(ternary.Condition);
                Visit(ternary.WhenTrue);
                Visit(ternary.WhenFalse);
                break;
            case UnaryExpression unary:
                Visit(unary.Operand);
                break;
        }
    }

    private void VisitAll<T>(ImmutableArray<T> nodes)
        where T : Node
    {
        foreach (var node in nodes)
        {
            Visit(node);
        }
    }
}
