using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using ContainerCd.Parser.Ast;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests.Golden;

/// <summary>
/// Dumps any AST node as an indented tree of its properties, with each node's position, so that two
/// trees can be compared as text (record equality compares arrays by reference).
/// </summary>
public static class AstDumper
{
    private static readonly HashSet<string> Skipped =
    [
        "EqualityContract", "Span", "NameSpan", "TypeSpan", "IsEmpty", "Count", "TrailingClosure", "Body", "SimpleName",
        "IsError", "NameText", "IsNotValues", "IsFailFast",
    ];

    public static string Dump(Node? node, SourceText source)
    {
        var builder = new StringBuilder();
        Write(builder, node, source, 0, string.Empty);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, SourceText source, int depth, string label)
    {
        var indent = new string(' ', depth * 2);
        switch (value)
        {
            case null:
                return;
            case string s:
                builder.Append(indent).Append(label).Append('"').Append(s.Replace("\n", "\\n", StringComparison.Ordinal)).Append("\"\n");
                return;
            case bool b:
                builder.Append(indent).Append(label).Append(b ? "true" : "false").Append('\n');
                return;
            case Enum or IFormattable:
                builder.Append(indent).Append(label).Append(Convert.ToString(value, CultureInfo.InvariantCulture))
                    .Append(" (").Append(value.GetType().Name).Append(")\n");
                return;
            case IEnumerable items:
                var list = items.Cast<object?>().ToList();
                if (list.Count == 0)
                {
                    return;
                }

                builder.Append(indent).Append(label).Append("[\n");
                foreach (var item in list)
                {
                    Write(builder, item, source, depth + 1, string.Empty);
                }

                builder.Append(indent).Append("]\n");
                return;
        }

        var type = value.GetType();
        builder.Append(indent).Append(label).Append(type.Name);
        if (value is Node node)
        {
            builder.Append(" @").Append(source.GetPosition(node.Span.Start));
        }

        builder.Append('\n');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (Skipped.Contains(property.Name) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var propertyValue = property.GetValue(value);
            if (propertyValue is false)
            {
                continue;
            }

            Write(builder, propertyValue, source, depth + 1, property.Name + ": ");
        }
    }
}
