using System.Text;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Runtime.Groovy.Json;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Time;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    private async ValueTask<object?> EvaluateNewAsync(NewExpression expression, Frame frame)
    {
        var type = expression.Type;
        if (!expression.ArrayDimensions.IsEmpty)
        {
            if (expression.ArrayElements is { } elements)
            {
                var items = new List<object?>();
                foreach (var element in elements)
                {
                    items.Add(await EvaluateAsync(element, frame).ConfigureAwait(false));
                }

                return items;
            }

            var size = expression.ArrayDimensions[0] is { } dimension
                ? NumberMath.ToInt(await EvaluateAsync(dimension, frame).ConfigureAwait(false) ?? 0)
                : 0;
            return Enumerable.Repeat(DefaultValue(type with { ArrayRank = 0 }), size).ToList();
        }

        var arguments = (await EvaluateArgumentsAsync(expression.Arguments, frame).ConfigureAwait(false)).Flatten();
        var simple = type.SimpleName;
        try
        {
            var created = Construct(simple, type.Name, arguments, Time);
            if (created is not Undefined)
            {
                return created;
            }
        }
        catch (Exception e) when (e is not GroovyException && ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, expression.Span);
        }

        if (ResolveClass(type.Name, frame) is { } scriptClass)
        {
            return await InstantiateAsync(scriptClass, arguments, frame, expression.Span).ConfigureAwait(false);
        }

        throw ScriptErrors.Unsupported($"new {type.Name}()").At(frame.Source, expression.Span);
    }

    private static object? Construct(string simple, string fullName, IReadOnlyList<object?> arguments, TimeProvider time)
    {
        var first = arguments.Count > 0 ? arguments[0] : null;
        switch (simple)
        {
            case "ArrayList" or "LinkedList" or "Vector" or "CopyOnWriteArrayList":
                return first is not null && !NumberMath.IsNumber(first) ? TypeCoercion.ToList(first) : new List<object?>();
            case "HashMap" or "LinkedHashMap" or "TreeMap" or "ConcurrentHashMap" or "Properties":
                return first is GroovyMap map ? map.Copy() : new GroovyMap();
            case "HashSet" or "LinkedHashSet" or "TreeSet":
                return first is not null && !NumberMath.IsNumber(first) ? new GroovySet(TypeCoercion.ToList(first)) : new GroovySet();
            case "StringBuilder" or "StringBuffer":
                return first is null || NumberMath.IsNumber(first) ? new StringBuilder() : new StringBuilder(GroovyFormat.ToDisplayString(first));
            case "String" when first is ByteArrayValue bytes:
                return bytes.DecodeUtf8();
            case "String":
                return first is null ? string.Empty : GroovyFormat.ToDisplayString(first);
            case "Integer" or "Long" or "BigDecimal" or "BigInteger" or "Double" or "Float":
                return TypeCoercion.Coerce(first, simple, 0, explicitAs: true);
            case "Boolean":
                return first is bool b ? b : string.Equals(GroovyFormat.ToDisplayString(first), "true", StringComparison.OrdinalIgnoreCase);
            case "Object":
                return new GroovyMap();
            case "Date" when arguments.Count == 0:
                return DateValue.Now(time);
            case "Date" when arguments.Count == 1 && NumberMath.IsNumber(first):
                return new DateValue(NumberMath.ToLong(first!));
            case "SimpleDateFormat" when arguments.Count >= 1:
                return new SimpleDateFormatValue(GroovyFormat.ToDisplayString(first));
            case "JsonSlurper" or "JsonSlurperClassic" when fullName is "JsonSlurper" or "JsonSlurperClassic" or "groovy.json.JsonSlurper" or "groovy.json.JsonSlurperClassic":
                return new JsonSlurperValue(classic: simple == "JsonSlurperClassic");
            case "JsonBuilder" when fullName is "JsonBuilder" or "groovy.json.JsonBuilder":
                return new JsonBuilderValue(first);
            case "URL" or "URI":
                var url = GroovyFormat.ToDisplayString(first);
                return Uri.TryCreate(url, UriKind.Absolute, out _) ? url : throw GroovyException.Create("java.net.MalformedURLException", "no protocol: " + url);
        }

        if (JavaClasses.Resolve(fullName) is { } className || simple.EndsWith("Exception", StringComparison.Ordinal) || simple.EndsWith("Error", StringComparison.Ordinal))
        {
            var name = JavaClasses.Resolve(fullName) ?? (fullName.Contains('.', StringComparison.Ordinal) ? fullName : "java.lang." + simple);
            var message = first is ThrowableValue ? first.ToString() : first is null ? null : GroovyFormat.ToDisplayString(first);
            var cause = arguments.OfType<ThrowableValue>().FirstOrDefault();
            return new ThrowableValue(name, message, cause);
        }

        return Undefined.Value;
    }

    /// <summary>Whether <c>new <paramref name="typeName"/>()</c> is something the interpreter can create.</summary>
    public static bool CanConstruct(string typeName) =>
        Construct(typeName[(typeName.LastIndexOf('.') + 1)..], typeName, [], TimeProvider.System) is not Undefined;

}
