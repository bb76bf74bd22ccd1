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
