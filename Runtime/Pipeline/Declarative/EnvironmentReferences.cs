using System.Collections;
using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Ast.Expressions;

namespace ContainerCd.Runtime.Pipeline.Declarative;

/// <summary>The names an environment value refers to: bare variables (<c>FOO</c>, <c>$FOO</c>) and <c>env.FOO</c>.</summary>
internal static class EnvironmentReferences
{
    public static HashSet<string> Collect(Node node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(node, names, 0);
        return names;
    }

    /// <summary>The plain variable references of a value (not receivers of calls or property reads), which read as null when undefined.</summary>
    public static HashSet<object> Lenient(Node node)
    {
        var variables = new HashSet<object>(ReferenceEqualityComparer.Instance);
        WalkLenient(node, variables, 0);
        return variables;
    }

    private static void WalkLenient(object? value, HashSet<object> variables, int depth)
    {
        if (depth > 200)
        {
            return;
        }

        switch (value)
        {
            case VariableExpression variable:
                variables.Add(variable);
                return;
            case MethodCallExpression call:
                if (call.Target is not VariableExpression)
                {
                    WalkLenient(call.Target, variables, depth + 1);
                }

                WalkLenient(call.Arguments, variables, depth + 1);
                return;
            case PropertyExpression property:
                if (property.Target is not VariableExpression)
                {
                    WalkLenient(property.Target, variables, depth + 1);
                }

                return;
            case ClosureExpression:
                return;
            case Node node:
                foreach (var propertyInfo in node.GetType().GetProperties())
                {
                    if (propertyInfo.GetIndexParameters().Length == 0 && propertyInfo.Name != "EqualityContract")
                    {
                        WalkLenient(propertyInfo.GetValue(node), variables, depth + 1);
                    }
                }

                return;
            case string:
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    WalkLenient(item, variables, depth + 1);
                }

                return;
        }
    }

    private static void Walk(object? value, HashSet<string> names, int depth)
    {
        if (depth > 200)
        {
            return;
        }

        switch (value)
        {
            case VariableExpression variable:
                names.Add(variable.Name);
                return;
            case PropertyExpression { Target: VariableExpression { Name: "env" } } property:
                names.Add(property.Name);
                return;
            case Node node:
                foreach (var propertyInfo in node.GetType().GetProperties())
                {
                    if (propertyInfo.GetIndexParameters().Length == 0 && propertyInfo.Name != "EqualityContract")
                    {
                        Walk(propertyInfo.GetValue(node), names, depth + 1);
                    }
                }

                return;
            case string:
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    Walk(item, names, depth + 1);
                }

                return;
        }
    }
}
