using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Expressions;

namespace ContainerCd.Runtime.Pipeline.Declarative;

/// <summary>The names an environment value refers to: bare variables (<c>FOO</c>, <c>$FOO</c>) and <c>env.FOO</c>.</summary>
internal static class EnvironmentReferences
{
    public static HashSet<string> Collect(Node node)
    {
        var names = new NameCollector();
        names.Visit(node);
        return names.Names;
    }

    /// <summary>The plain variable references of a value (not receivers of calls or property reads), which read as null when undefined.</summary>
    public static HashSet<object> Lenient(Node node)
    {
        var variables = new LenientVariableCollector();
        variables.Visit(node);
        return variables.Variables;
    }

    private sealed class NameCollector : SyntaxWalker
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public override void Visit(Node? node)
        {
            switch (node)
            {
                case VariableExpression variable:
                    Names.Add(variable.Name);
                    break;
                case PropertyExpression { Target: VariableExpression { Name: "env" } } property:
                    Names.Add(property.Name);
                    break;
                default:
                    base.Visit(node);
                    break;
            }
        }
    }

    /// <summary>
    /// Variables read as values: a call's or a property read's receiver (<c>foo.bar()</c>, <c>foo.bar</c>) is not one
    /// (an undefined receiver stays an error), and nothing inside a closure is (it runs later, if ever).
    /// </summary>
    private sealed class LenientVariableCollector : SyntaxWalker
    {
        public HashSet<object> Variables { get; } = new(ReferenceEqualityComparer.Instance);

        public override void Visit(Node? node)
        {
            switch (node)
            {
                case VariableExpression variable:
                    Variables.Add(variable);
                    break;
                case MethodCallExpression call:
                    VisitReceiver(call.Target);
                    Visit(call.Arguments);
                    break;
                case PropertyExpression property:
                    VisitReceiver(property.Target);
                    break;
                case ClosureExpression:
                    break;
                default:
                    base.Visit(node);
                    break;
            }
        }

        private void VisitReceiver(Expression? target)
        {
            if (target is not VariableExpression)
            {
                Visit(target);
            }
        }
    }
}
