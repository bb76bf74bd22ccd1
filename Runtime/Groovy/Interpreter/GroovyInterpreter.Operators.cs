using System.Collections;
using System.Text;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Time;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    private async ValueTask<object?> EvaluateBinaryAsync(BinaryExpression expression, Frame frame)
    {
        switch (expression.Operator)
        {
            case BinaryOperator.And:
                return GroovyTruth.IsTrue(await EvaluateAsync(expression.Left, frame).ConfigureAwait(false))
                    && GroovyTruth.IsTrue(await EvaluateAsync(expression.Right, frame).ConfigureAwait(false));
            case BinaryOperator.Or:
                return GroovyTruth.IsTrue(await EvaluateAsync(expression.Left, frame).ConfigureAwait(false))
                    || GroovyTruth.IsTrue(await EvaluateAsync(expression.Right, frame).ConfigureAwait(false));
        }

        var left = await EvaluateAsync(expression.Left, frame).ConfigureAwait(false);
        var right = await EvaluateAsync(expression.Right, frame).ConfigureAwait(false);
        try
        {
            return await ApplyBinaryAsync(expression.Operator, left, right, frame, expression.Span).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not GroovyException && ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, expression.Span);
        }
    }

    /// <summary>Applies a binary operator to two values with Groovy's semantics (also used by compound assignments).</summary>
    public async ValueTask<object?> ApplyBinaryAsync(BinaryOperator op, object? left, object? right, Frame frame, SourceSpan span)
    {
        switch (op)
        {
            case BinaryOperator.Equal:
                return GroovyEquality.AreEqual(left, right);
            case BinaryOperator.NotEqual:
                return !GroovyEquality.AreEqual(left, right);
            case BinaryOperator.Identical:
                return ReferenceEquals(left, right) || (left is not null && left.GetType().IsValueType && Equals(left, right));
            case BinaryOperator.NotIdentical:
                return !(ReferenceEquals(left, right) || (left is not null && left.GetType().IsValueType && Equals(left, right)));
            case BinaryOperator.Less:
                return Compare(left, right, frame, span) < 0;
            case BinaryOperator.LessOrEqual:
                return Compare(left, right, frame, span) <= 0;
            case BinaryOperator.Greater:
                return Compare(left, right, frame, span) > 0;
            case BinaryOperator.GreaterOrEqual:
                return Compare(left, right, frame, span) >= 0;
            case BinaryOperator.Compare:
                return Compare(left, right, frame, span);
            case BinaryOperator.In:
                return await ContainsAsync(right, left, frame, span).ConfigureAwait(false);
            case BinaryOperator.NotIn:
                return !await ContainsAsync(right, left, frame, span).ConfigureAwait(false);
            case BinaryOperator.RegexFind:
                return Find(left, right, frame, span);
            case BinaryOperator.RegexMatch:
                return left is not null && JavaRegex.CreateWhole(PatternText(right)).IsMatch(GroovyFormat.ToDisplayString(left));
            case BinaryOperator.Add:
                return Add(left, right, frame, span);
            case BinaryOperator.Subtract:
                return Subtract(left, right, frame, span);
            case BinaryOperator.Multiply:
                return Multiply(left, right, frame, span);
            case BinaryOperator.LeftShift:
                return LeftShift(left, right, frame, span);
        }

        if (left is bool a && right is bool b)
        {
            switch (op)
            {
                case BinaryOperator.BitAnd:
                    return a & b;
                case BinaryOperator.BitOr:
                    return a | b;
                case BinaryOperator.BitXor:
                    return a ^ b;
            }
        }

        if (!NumberMath.IsNumber(left) || !NumberMath.IsNumber(right))
        {
            throw ScriptErrors.MissingMethod(left, OperatorMethod(op), [right]).At(frame.Source, span);
        }

        return op switch
        {
            BinaryOperator.Divide => NumberMath.Divide(left!, right!),
            BinaryOperator.Modulo => NumberMath.Modulo(left!, right!),
            BinaryOperator.Power => NumberMath.Power(left!, right!),
            BinaryOperator.RightShift => NumberMath.ShiftRight(left!, right!, false),
            BinaryOperator.UnsignedRightShift => NumberMath.ShiftRight(left!, right!, true),
            BinaryOperator.BitAnd => NumberMath.BitAnd(left!, right!),
            BinaryOperator.BitOr => NumberMath.BitOr(left!, right!),
            BinaryOperator.BitXor => NumberMath.BitXor(left!, right!),
            _ => throw ScriptErrors.Unsupported($"The operator {op}").At(frame.Source, span),
        };
    }

    private static string OperatorMethod(BinaryOperator op) => op switch
    {
        BinaryOperator.Divide => "div",
        BinaryOperator.Modulo => "mod",
        BinaryOperator.Power => "power",
        BinaryOperator.RightShift => "rightShift",
        BinaryOperator.UnsignedRightShift => "rightShiftUnsigned",
        BinaryOperator.BitAnd => "and",
        BinaryOperator.BitOr => "or",
        BinaryOperator.BitXor => "xor",
        _ => op.ToString(),
    };

    private static int Compare(object? left, object? right, Frame frame, SourceSpan span)
    {
        try
        {
            return GroovyCompare.Compare(left, right);
        }
        catch (ArgumentException e)
        {
            throw ScriptErrors.IllegalArgument(e.Message).At(frame.Source, span);
        }
    }

    private async ValueTask<bool> ContainsAsync(object? container, object? item, Frame frame, SourceSpan span) => container switch
    {
        null => item is null,
        GroovyMap map => map.ContainsKey(item),
        string or GStringValue => item is not null && container.ToString()!.Contains(GroovyFormat.ToDisplayString(item), StringComparison.Ordinal),
        _ => await IsCaseAsync(container, item, frame, span).ConfigureAwait(false),
    };

    private static string PatternText(object? pattern) => pattern switch
    {
        PatternValue p => p.Pattern,
        null => throw ScriptErrors.NullMethod("matcher"),
        _ => GroovyFormat.ToDisplayString(pattern),
    };

    private static MatcherValue Find(object? left, object? right, Frame frame, SourceSpan span)
    {
        if (left is null)
        {
            throw ScriptErrors.NullMethod("matcher").At(frame.Source, span);
        }

        var pattern = PatternText(right);
        return new MatcherValue(GroovyFormat.ToDisplayString(left), JavaRegex.Create(pattern), pattern);
    }

    private object? Add(object? left, object? right, Frame frame, SourceSpan span)
    {
        switch (left)
        {
            case string or GStringValue:
                var text = left.ToString() + GroovyFormat.ToDisplayString(right);
                CheckStringLength(text.Length, frame, span);
                return text;
            case GroovyMap map when right is GroovyMap other:
                var merged = map.Copy();
                foreach (var entry in other)
                {
                    merged[entry.Key] = entry.Value;
                }

                return merged;
            case GroovySet set:
                var union = new GroovySet(set);
                foreach (var item in right is IEnumerable and not string and not GroovyMap ? Iterate(right) : [right])
                {
                    union.Add(item);
                }

                return union;
            case IList or RangeValue:
                var list = TypeCoercion.ToList(left);
                if (right is IList or RangeValue or GroovySet)
                {
                    list.AddRange(Iterate(right));
                }
                else
                {
                    list.Add(right);
                }

                return list;
            case null when right is string or GStringValue:
                return "null" + right;
            case DateValue date when NumberMath.IsNumber(right):
                return date.AddDays(NumberMath.ToLong(right!));
        }

        if (NumberMath.IsNumber(left) && NumberMath.IsNumber(right))
        {
            return NumberMath.Add(left!, right!);
        }

        if (NumberMath.IsNumber(left) && right is string or GStringValue)
        {
            return GroovyFormat.ToDisplayString(left) + right;
        }

        throw ScriptErrors.MissingMethod(left, "plus", [right]).At(frame.Source, span);
    }

    private static object? Subtract(object? left, object? right, Frame frame, SourceSpan span)
    {
        switch (left)
        {
            case string or GStringValue:
                var text = left.ToString()!;
                var remove = right is PatternValue pattern ? null : GroovyFormat.ToDisplayString(right);
                if (right is PatternValue p)
                {
                    return p.Regex.Replace(text, string.Empty, 1);
                }

                var index = text.IndexOf(remove!, StringComparison.Ordinal);
                return index < 0 ? text : text.Remove(index, remove!.Length);
            case GroovyMap map when right is GroovyMap other:
                var result = new GroovyMap(map.Where(e => !(other.TryGetValue(e.Key, out var v) && GroovyEquality.AreEqual(v, e.Value))));
                return result;
            case GroovySet set:
                var removeItems = right is IEnumerable and not string and not GroovyMap ? Iterate(right).ToList() : [right];
                return new GroovySet(set.Where(item => !removeItems.Any(r => GroovyEquality.AreEqual(r, item))));
            case IList or RangeValue:
                var items = right is IList or RangeValue or GroovySet ? Iterate(right).ToList() : [right];
                return TypeCoercion.ToList(left).Where(item => !items.Any(r => GroovyEquality.AreEqual(r, item))).ToList();
            case DateValue date when NumberMath.IsNumber(right):
                return date.AddDays(-NumberMath.ToLong(right!));
            case DateValue date when right is DateValue other:
                return date.DaysSince(other);
        }

        if (NumberMath.IsNumber(left) && NumberMath.IsNumber(right))
        {
            return NumberMath.Subtract(left!, right!);
        }

        throw ScriptErrors.MissingMethod(left, "minus", [right]).At(frame.Source, span);
    }

    private object? Multiply(object? left, object? right, Frame frame, SourceSpan span)
    {
        if (NumberMath.IsNumber(left) && NumberMath.IsNumber(right))
        {
            return NumberMath.Multiply(left!, right!);
        }

        if (left is string or GStringValue && NumberMath.IsIntegral(right))
        {
            var count = NumberMath.ToInt(right!);
            var text = left.ToString()!;
            CheckStringLength(text.Length * Math.Max(count, 0), frame, span);
            return count <= 0 ? string.Empty : new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
        }

        if (left is IList or RangeValue && NumberMath.IsIntegral(right))
        {
            var items = TypeCoercion.ToList(left);
            var result = new List<object?>();
            for (var i = 0; i < NumberMath.ToInt(right!); i++)
            {
                result.AddRange(items);
            }

            return result;
        }

        throw ScriptErrors.MissingMethod(left, "multiply", [right]).At(frame.Source, span);
    }

    private object? LeftShift(object? left, object? right, Frame frame, SourceSpan span)
    {
        switch (left)
        {
            case IList list when left is not RangeValue:
                list.Add(right);
                return list;
            case GroovySet set:
                set.Add(right);
                return set;
            case GroovyMap map when right is GroovyMap other:
                foreach (var entry in other)
                {
                    map[entry.Key] = entry.Value;
                }

                return map;
            case GroovyMap map when right is MapEntryValue entry:
                map[entry.Key] = entry.Value;
                return map;
            case StringBuilder builder:
                builder.Append(GroovyFormat.ToDisplayString(right));
                CheckStringLength(builder.Length, frame, span);
                return builder;
            case string or GStringValue:
                return new StringBuilder(left.ToString()).Append(GroovyFormat.ToDisplayString(right));
        }

        if (NumberMath.IsNumber(left) && NumberMath.IsNumber(right))
        {
            return NumberMath.ShiftLeft(left!, right!);
        }

        throw ScriptErrors.MissingMethod(left, "leftShift", [right]).At(frame.Source, span);
    }

    private async ValueTask<object?> EvaluateUnaryAsync(UnaryExpression expression, Frame frame)
    {
        switch (expression.Operator)
        {
            case UnaryOperator.Not:
                return !GroovyTruth.IsTrue(await EvaluateAsync(expression.Operand, frame).ConfigureAwait(false));
            case UnaryOperator.PreIncrement or UnaryOperator.PreDecrement or UnaryOperator.PostIncrement or UnaryOperator.PostDecrement:
                return await EvaluateIncrementAsync(expression, frame).ConfigureAwait(false);
        }

        var value = await EvaluateAsync(expression.Operand, frame).ConfigureAwait(false);
        if (expression.Operator == UnaryOperator.BitNot && value is string or GStringValue)
        {
            return new PatternValue(value.ToString()!);
        }

        if (!NumberMath.IsNumber(value))
        {
            if (expression.Operator == UnaryOperator.Negate && value is IList list)
            {
                return list.Cast<object?>().Select(v => NumberMath.IsNumber(v) ? NumberMath.Negate(v!) : v).ToList();
            }

            var method = expression.Operator switch
            {
                UnaryOperator.Negate => "negative",
                UnaryOperator.Plus => "positive",
                _ => "bitwiseNegate",
            };
            throw ScriptErrors.MissingMethod(value, method, []).At(frame.Source, expression.Span);
        }

        return expression.Operator switch
        {
            UnaryOperator.Negate => NumberMath.Negate(value!),
            UnaryOperator.Plus => value,
            _ => NumberMath.BitNot(value!),
        };
    }

    private async ValueTask<object?> EvaluateIncrementAsync(UnaryExpression expression, Frame frame)
    {
        var isIncrement = expression.Operator is UnaryOperator.PreIncrement or UnaryOperator.PostIncrement;
        var isPrefix = expression.Operator is UnaryOperator.PreIncrement or UnaryOperator.PreDecrement;
        var target = await ResolveTargetAsync(expression.Operand, frame).ConfigureAwait(false);
        var current = await target.GetAsync(this, frame, expression.Span).ConfigureAwait(false);
        object? next;
        if (current is null)
        {
            throw ScriptErrors.NullMethod(isIncrement ? "next" : "previous").At(frame.Source, expression.Span);
        }

        if (NumberMath.IsNumber(current))
        {
            next = NumberMath.Add(current, isIncrement ? 1 : -1);
        }
        else if (current is string s && s.Length > 0)
        {
            next = s[..^1] + (char)(s[^1] + (isIncrement ? 1 : -1));
        }
        else
        {
            throw ScriptErrors.MissingMethod(current, isIncrement ? "next" : "previous", []).At(frame.Source, expression.Span);
        }

        await target.SetAsync(this, next, frame, expression.Span).ConfigureAwait(false);
        return isPrefix ? next : current;
    }
}
