using System.Collections;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    public ValueTask<object?> EvaluateAsync(Expression expression, Frame frame)
    {
        switch (expression)
        {
            case ConstantExpression c:
                return ValueTask.FromResult(c.Value);
            case StringLiteral s:
                return ValueTask.FromResult<object?>(s.Value);
            case VariableExpression v:
                return ValueTask.FromResult(ResolveVariable(v, frame));
            case GStringExpression g:
                return EvaluateGStringAsync(g, frame);
            case MethodCallExpression m:
                return EvaluateMethodCallAsync(m, frame);
            case PropertyExpression p:
                return EvaluatePropertyAsync(p, frame);
            case BinaryExpression b:
                return EvaluateBinaryAsync(b, frame);
            case UnaryExpression u:
                return EvaluateUnaryAsync(u, frame);
            case AssignmentExpression a:
                return EvaluateAssignmentAsync(a, frame);
            case ClosureExpression c:
                return ValueTask.FromResult<object?>(new ClosureValue(c, frame.Scope, frame.Closure, frame.Script, frame.Source));
            case ListExpression l:
                return EvaluateListAsync(l, frame);
            case MapExpression m:
                return EvaluateMapAsync(m, frame);
            case IndexExpression i:
                return EvaluateIndexAsync(i, frame);
            case TernaryExpression t:
                return EvaluateTernaryAsync(t, frame);
            case ElvisExpression e:
                return EvaluateElvisAsync(e, frame);
            case RangeExpression r:
                return EvaluateRangeAsync(r, frame);
            case CastExpression c:
                return EvaluateCastAsync(c, frame);
            case InstanceOfExpression i:
                return EvaluateInstanceOfAsync(i, frame);
            case CallExpression c:
                return EvaluateCallAsync(c, frame);
            case NewExpression n:
                return EvaluateNewAsync(n, frame);
            case MethodPointerExpression p:
                return EvaluateMethodPointerAsync(p, frame);
            case ClassExpression c:
                return ValueTask.FromResult<object?>(new ClassValue(c.Type.Name));
            case SpreadExpression s:
                throw ScriptErrors.Unsupported("The spread operator outside a list or an argument list").At(frame.Source, s.Span);
            case ErrorExpression e:
                throw GroovyException.Create(JavaClasses.Unsupported, "This code could not be parsed").At(frame.Source, e.Span);
            default:
                throw ScriptErrors.Unsupported($"The expression {expression.GetType().Name}").At(frame.Source, expression.Span);
        }
    }

    private async ValueTask<object?> EvaluateGStringAsync(GStringExpression expression, Frame frame)
    {
        var values = new object?[expression.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await EvaluateAsync(expression.Values[i], frame).ConfigureAwait(false);
        }

        var gstring = new GStringValue(expression.Strings, values);
        CheckStringLength(gstring.ToString().Length, frame, expression.Span);
        return gstring;
    }

    public void CheckStringLength(int length, Frame frame, Parser.Text.SourceSpan span)
    {
        if (length > Limits.MaxStringLength)
        {
            throw ScriptErrors.LimitExceeded($"String exceeded the limit of {Limits.MaxStringLength} characters").At(frame.Source, span);
        }
    }

    private async ValueTask<object?> EvaluateListAsync(ListExpression expression, Frame frame)
    {
        var list = new List<object?>(expression.Elements.Length);
        foreach (var element in expression.Elements)
        {
            if (element is SpreadExpression spread)
            {
                list.AddRange(Iterate(await EvaluateAsync(spread.Operand, frame).ConfigureAwait(false)));
            }
            else
            {
                list.Add(await EvaluateAsync(element, frame).ConfigureAwait(false));
            }
        }

        return list;
    }

    private async ValueTask<object?> EvaluateMapAsync(MapExpression expression, Frame frame)
    {
        var map = new GroovyMap();
        await AddEntriesAsync(map, expression.Entries, frame).ConfigureAwait(false);
        return map;
    }

    private async ValueTask AddEntriesAsync(GroovyMap map, System.Collections.Immutable.ImmutableArray<NamedArgument> entries, Frame frame)
    {
        foreach (var entry in entries)
        {
            if (entry.Key is null)
            {
                if (await EvaluateAsync(entry.Value, frame).ConfigureAwait(false) is GroovyMap other)
                {
                    foreach (var item in other)
                    {
                        map[item.Key] = item.Value;
                    }
                }

                continue;
            }

            var key = entry.Key is StringLiteral literal ? literal.Value : await EvaluateAsync(entry.Key, frame).ConfigureAwait(false);
            map[key] = await EvaluateAsync(entry.Value, frame).ConfigureAwait(false);
        }
    }

    private async ValueTask<object?> EvaluateTernaryAsync(TernaryExpression expression, Frame frame) =>
        GroovyTruth.IsTrue(await EvaluateAsync(expression.Condition, frame).ConfigureAwait(false))
            ? await EvaluateAsync(expression.WhenTrue, frame).ConfigureAwait(false)
            : await EvaluateAsync(expression.WhenFalse, frame).ConfigureAwait(false);

    private async ValueTask<object?> EvaluateElvisAsync(ElvisExpression expression, Frame frame)
    {
        var value = await EvaluateAsync(expression.Value, frame).ConfigureAwait(false);
        return GroovyTruth.IsTrue(value) ? value : await EvaluateAsync(expression.Fallback, frame).ConfigureAwait(false);
    }

    private async ValueTask<object?> EvaluateRangeAsync(RangeExpression expression, Frame frame)
    {
        var from = await EvaluateAsync(expression.From, frame).ConfigureAwait(false);
        var to = await EvaluateAsync(expression.To, frame).ConfigureAwait(false);
        if (NumberMath.IsIntegral(from) && NumberMath.IsIntegral(to))
        {
            return new RangeValue(NumberMath.ToLong(from!), NumberMath.ToLong(to!), expression.Exclusive);
        }

        if (from is string a && to is string b && a.Length == 1 && b.Length == 1)
        {
            var range = new RangeValue(a[0], b[0], expression.Exclusive);
            return range.Select(c => (object?)((char)NumberMath.ToInt(c!)).ToString()).ToList();
        }

        throw ScriptErrors.Unsupported($"A range of {GroovyTypes.ClassName(from)} values").At(frame.Source, expression.Span);
    }

    private async ValueTask<object?> EvaluateCastAsync(CastExpression expression, Frame frame)
    {
        var value = await EvaluateAsync(expression.Operand, frame).ConfigureAwait(false);
        try
        {
            return TypeCoercion.Coerce(value, expression.Type.Name, expression.Type.ArrayRank, expression.IsAsOperator);
        }
        catch (Exception e) when (ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, expression.Span);
        }
    }

    private async ValueTask<object?> EvaluateInstanceOfAsync(InstanceOfExpression expression, Frame frame)
    {
        var value = await EvaluateAsync(expression.Operand, frame).ConfigureAwait(false);
        var result = GroovyTypes.IsInstance(value, expression.Type.Name);
        return expression.Negated ? !result : result;
    }

    private async ValueTask<object?> EvaluateIndexAsync(IndexExpression expression, Frame frame)
    {
        var target = await EvaluateAsync(expression.Target, frame).ConfigureAwait(false);
        if (target is null)
        {
            return expression.Safe ? null : throw ScriptErrors.NullIndex().At(frame.Source, expression.Span);
        }

        if (expression.Indexes.Length == 1)
        {
            var index = await EvaluateAsync(expression.Indexes[0], frame).ConfigureAwait(false);
            return GetAt(target, index, frame, expression.Span);
        }

        var result = new List<object?>();
        foreach (var indexExpression in expression.Indexes)
        {
            var index = await EvaluateAsync(indexExpression, frame).ConfigureAwait(false);
            var value = GetAt(target, index, frame, expression.Span);
            if (index is RangeValue && value is IEnumerable items and not string)
            {
                result.AddRange(items.Cast<object?>());
            }
            else
            {
                result.Add(value);
            }
        }

        return target is string ? string.Concat(result.Select(GroovyFormat.ToDisplayString)) : result;
    }

    /// <summary>Groovy's getAt: <c>list[i]</c> (negative from the end, ranges), <c>map[key]</c>, <c>text[i]</c>, <c>matcher[i]</c>, <c>env['X']</c>.</summary>
    public static object? GetAt(object target, object? index, Frame frame, Parser.Text.SourceSpan span)
    {
        switch (target)
        {
            case GroovyMap map:
                return map[index];
            case IGroovyObject groovyObject:
                var property = groovyObject.GetProperty(GroovyFormat.ToDisplayString(index));
                return property is Undefined ? null : property;
            case MatcherValue matcher when NumberMath.IsIntegral(index):
                return matcher.GetMatch(NumberMath.ToInt(index!));
            case string or GStringValue:
                return StringIndex(target.ToString()!, index, frame, span);
        }

        var items = target switch
        {
            IList list => list,
            RangeValue range => range.ToList(),
            GroovySet set => set.ToList(),
            _ => null,
        };
        if (items is null)
        {
            throw ScriptErrors.MissingMethod(target, "getAt", [index]).At(frame.Source, span);
        }

        switch (index)
        {
            case RangeValue range:
                return range.Count == 0 ? new List<object?>() : SubList(items, range, frame, span);
            case IList indexes:
                return indexes.Cast<object?>().Select(i => GetAt(target, i, frame, span)).ToList();
            case null:
                throw ScriptErrors.MissingMethod(target, "getAt", [index]).At(frame.Source, span);
        }

        if (!NumberMath.IsIntegral(index))
        {
            throw ScriptErrors.MissingMethod(target, "getAt", [index]).At(frame.Source, span);
        }

        var position = NumberMath.ToInt(index);
        if (position < 0)
        {
            position += items.Count;
        }

        return position >= 0 && position < items.Count ? items[position] : null;
    }

    private static List<object?> SubList(IList items, RangeValue range, Frame frame, Parser.Text.SourceSpan span)
    {
        var from = (int)range.From < 0 ? (int)range.From + items.Count : (int)range.From;
        var to = (int)range.To < 0 ? (int)range.To + items.Count : (int)range.To;
        var low = Math.Min(from, to);
        var high = Math.Max(from, to);
        if (low < 0 || high >= items.Count)
        {
            throw ScriptErrors.IndexOutOfBounds($"Index: {high}, Size: {items.Count}").At(frame.Source, span);
        }

        var result = new List<object?>();
        for (var i = low; i <= high; i++)
        {
            result.Add(items[i]);
        }

        if (from > to)
        {
            result.Reverse();
        }

        return result;
    }

    private static string StringIndex(string text, object? index, Frame frame, Parser.Text.SourceSpan span)
    {
        if (index is RangeValue range)
        {
            if (range.Count == 0)
            {
                return string.Empty;
            }

            var chars = SubList(text.Select(c => (object?)c).ToList(), range, frame, span);
            return string.Concat(chars.Select(c => c!.ToString()));
        }

        var position = NumberMath.ToInt(index ?? throw ScriptErrors.NullIndex().At(frame.Source, span));
        if (position < 0)
        {
            position += text.Length;
        }

        if (position < 0 || position >= text.Length)
        {
            throw GroovyException.Create("java.lang.StringIndexOutOfBoundsException", $"index {position}, length {text.Length}").At(frame.Source, span);
        }

        return text[position].ToString();
    }

    private async ValueTask<object?> EvaluateMethodPointerAsync(MethodPointerExpression expression, Frame frame)
    {
        var target = await EvaluateAsync(expression.Target, frame).ConfigureAwait(false);
        var name = expression.Name;
        return new BuiltinCallable(name, 1, (interpreter, args, caller, span) =>
            interpreter.InvokeMethodAsync(target, name, new Arguments(args, null), caller, span));
    }
}
