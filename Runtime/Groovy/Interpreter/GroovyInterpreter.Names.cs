using System.Collections;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Methods;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    private object? ResolveVariable(VariableExpression variable, Frame frame)
    {
        var name = variable.Name;
        if (frame.Scope.TryGet(name, out var local))
        {
            return local;
        }

        switch (name)
        {
            case "this":
                return frame.Script;
            case "delegate" when frame.Closure is not null:
                return frame.Closure.Delegate;
            case "owner" when frame.Closure is not null:
                return (object?)frame.Closure.Owner ?? frame.Script;
            case "super":
                throw ScriptErrors.Unsupported("'super'").At(frame.Source, variable.Span);
        }

        var value = LookupProperty(frame.Closure, name, frame);
        if (value is not Undefined)
        {
            return value;
        }

        if (StaticMethods.IsKnownClass(name))
        {
            return new ClassValue(StaticMethods.QualifiedName(name));
        }

        if (char.IsUpper(name[0]) && ResolveClass(name, frame) is { } scriptClass)
        {
            return new ClassValue(scriptClass.QualifiedName);
        }

        if (frame.Flow.LenientVariables?.Contains(variable) == true)
        {
            return null;
        }

        throw ScriptErrors.MissingProperty(name, "groovy.lang.Binding").At(frame.Source, variable.Span);
    }

    /// <summary>Resolves a name that is not a local variable through the closure's owners and delegates, then the script and its globals.</summary>
    private object? LookupProperty(ClosureValue? closure, string name, Frame frame)
    {
        if (closure is null)
        {
            var scriptValue = frame.Script.GetProperty(name);
            return scriptValue is not Undefined ? scriptValue : Host.GetGlobal(name, frame);
        }

        if (!closure.HasDelegate)
        {
            return LookupProperty(closure.Owner, name, frame);
        }

        switch (closure.ResolveStrategy)
        {
            case ClosureValue.DelegateFirst:
                var fromDelegate = PropertyOfDelegate(closure.Delegate, name);
                return fromDelegate is not Undefined ? fromDelegate : LookupProperty(closure.Owner, name, frame);
            case ClosureValue.DelegateOnly:
                return PropertyOfDelegate(closure.Delegate, name);
            case ClosureValue.OwnerOnly:
                return LookupProperty(closure.Owner, name, frame);
            default:
                var fromOwner = LookupProperty(closure.Owner, name, frame);
                return fromOwner is not Undefined ? fromOwner : PropertyOfDelegate(closure.Delegate, name);
        }
    }

    private static object? PropertyOfDelegate(object? target, string name) => target switch
    {
        GroovyMap map => map[name],
        IGroovyObject groovyObject => groovyObject.GetProperty(name),
        _ => Undefined.Value,
    };

    private static void AssignVariable(string name, object? value, Frame frame)
    {
        if (frame.Scope.TrySet(name, value))
        {
            return;
        }

        if (!AssignInClosureChain(frame.Closure, name, value, frame))
        {
            frame.Script.SetProperty(name, value);
        }
    }

    private static bool AssignInClosureChain(ClosureValue? closure, string name, object? value, Frame frame)
    {
        if (closure is null)
        {
            frame.Script.SetProperty(name, value);
            return true;
        }

        if (!closure.HasDelegate)
        {
            return AssignInClosureChain(closure.Owner, name, value, frame);
        }

        switch (closure.ResolveStrategy)
        {
            case ClosureValue.DelegateFirst or ClosureValue.DelegateOnly:
                if (SetOnDelegate(closure.Delegate, name, value))
                {
                    return true;
                }

                return closure.ResolveStrategy == ClosureValue.DelegateFirst && AssignInClosureChain(closure.Owner, name, value, frame);
            default:
                return AssignInClosureChain(closure.Owner, name, value, frame) || SetOnDelegate(closure.Delegate, name, value);
        }
    }

    private static bool SetOnDelegate(object? target, string name, object? value)
    {
        switch (target)
        {
            case GroovyMap map:
                map[name] = value;
                return true;
            case IGroovyObject groovyObject:
                return groovyObject.SetProperty(name, value);
            default:
                return false;
        }
    }

    private async ValueTask<object?> EvaluatePropertyAsync(PropertyExpression expression, Frame frame)
    {
        if (QualifiedClassName(expression, frame) is { } className)
        {
            return new ClassValue(className);
        }

        var target = await EvaluateAsync(expression.Target, frame).ConfigureAwait(false);
        var name = expression.DynamicName is null
            ? expression.Name
            : GroovyFormat.ToDisplayString(await EvaluateAsync(expression.DynamicName, frame).ConfigureAwait(false));
        if (target is null)
        {
            return expression.Access is MemberAccessKind.Safe or MemberAccessKind.Spread
                ? null
                : throw ScriptErrors.NullProperty(name).At(frame.Source, expression.Span);
        }

        if (expression.Access == MemberAccessKind.Spread)
        {
            var results = new List<object?>();
            foreach (var item in Iterate(target))
            {
                results.Add(item is null ? null : await GetPropertyOfAsync(item, name, frame, expression.Span).ConfigureAwait(false));
            }

            return results;
        }

        return await GetPropertyOfAsync(target, name, frame, expression.Span).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>hudson.FilePath</c>, <c>java.util.LinkedHashSet</c>: a dotted name whose first part is no variable and
    /// which names a known class is that class, as the Groovy compiler resolves it.
    /// </summary>
    private string? QualifiedClassName(PropertyExpression expression, Frame frame)
    {
        var parts = new List<string>();
        Expression current = expression;
        while (current is PropertyExpression { DynamicName: null, Access: MemberAccessKind.Normal } property)
        {
            parts.Add(property.Name);
            current = property.Target;
        }

        if (current is not VariableExpression root || parts.Count == 0 || !char.IsAsciiLetterLower(root.Name[0]))
        {
            return null;
        }

        parts.Add(root.Name);
        parts.Reverse();
        var name = string.Join('.', parts);
        if (!StaticMethods.IsKnownQualifiedClass(name) || frame.Scope.TryGet(root.Name, out _) || LookupProperty(frame.Closure, root.Name, frame) is not Undefined)
        {
            return null;
        }

        return name;
    }

    /// <summary>Reads <c>target.name</c>: a map entry, a host object's property, a closure's delegate, or a getter (<c>x.empty</c> is <c>x.isEmpty()</c>).</summary>
    public async ValueTask<object?> GetPropertyOfAsync(object target, string name, Frame frame, SourceSpan span)
    {
        switch (target)
        {
            case GroovyMap map:
                return map[name];
            case IGroovyObject groovyObject:
                var value = groovyObject.GetProperty(name);
                if (value is not Undefined)
                {
                    return value;
                }

                // A script passed around (new Utils(this)) answers the pipeline's globals: script.env, script.params.
                if (groovyObject is ScriptObject { IsInstance: false } && Host.GetGlobal(name, frame) is not Undefined and var global)
                {
                    return global;
                }

                if (name == "class")
                {
                    return new ClassValue(groovyObject.GroovyClassName);
                }

                throw ScriptErrors.MissingProperty(name, groovyObject.GroovyClassName).At(frame.Source, span);
            case ClosureValue closure:
                switch (name)
                {
                    case "delegate":
                        return closure.Delegate;
                    case "owner":
                        return (object?)closure.Owner ?? closure.Script;
                    case "thisObject":
                        return closure.Script;
                    case "resolveStrategy":
                        return closure.ResolveStrategy;
                    case "maximumNumberOfParameters":
                        return closure.ParameterCount;
                }

                break;
            case ArrayValue array when name == "length":
                return array.Count;
            case MapEntryValue entry when name is "key" or "value":
                return name == "key" ? entry.Key : entry.Value;
            case ClassValue type:
                var staticValue = StaticMethods.GetStaticProperty(type, name);
                if (staticValue is not Undefined)
                {
                    return staticValue;
                }

                throw ScriptErrors.MissingProperty(name, type.Name).At(frame.Source, span);
        }

        if (name == "class")
        {
            return new ClassValue(GroovyTypes.ClassName(target));
        }

        // A getter: getX() or isX() without arguments.
        var capitalized = char.ToUpperInvariant(name[0]) + name[1..];
        foreach (var getter in new[] { "get" + capitalized, "is" + capitalized })
        {
            var result = await BuiltinMethods.InvokeAsync(this, target, getter, Arguments.Empty, frame, span).ConfigureAwait(false);
            if (result is not Undefined)
            {
                return result;
            }
        }

        // Lists spread property access over their elements: [[a: 1], [a: 2]].a == [1, 2].
        if (target is IList or RangeValue or GroovySet)
        {
            var results = new List<object?>();
            foreach (var item in (IEnumerable)target)
            {
                results.Add(item is null ? null : await GetPropertyOfAsync(item, name, frame, span).ConfigureAwait(false));
            }

            return results;
        }

        throw ScriptErrors.MissingProperty(name, GroovyTypes.ClassName(target)).At(frame.Source, span);
    }

    public static void SetPropertyOf(object? target, string name, object? value, Frame frame, SourceSpan span)
    {
        switch (target)
        {
            case null:
                throw ScriptErrors.NullSetProperty(name).At(frame.Source, span);
            case GroovyMap map:
                map[name] = value;
                return;
            case IGroovyObject groovyObject:
                if (!groovyObject.SetProperty(name, value))
                {
                    throw ScriptErrors.MissingProperty(name, groovyObject.GroovyClassName).At(frame.Source, span);
                }

                return;
            case ClosureValue closure when name == "delegate":
                closure.Delegate = value;
                return;
            case ClosureValue closure when name == "resolveStrategy":
                closure.ResolveStrategy = NumberMath.ToInt(value ?? 0);
                return;
            default:
                throw GroovyException.Create("groovy.lang.ReadOnlyPropertyException",
                    $"Cannot set readonly property: {name} for class: {GroovyTypes.ClassName(target)}").At(frame.Source, span);
        }
    }

    public static void PutAt(object? target, object? index, object? value, Frame frame, SourceSpan span)
    {
        switch (target)
        {
            case null:
                throw ScriptErrors.NullMethod("putAt").At(frame.Source, span);
            case GroovyMap map:
                map[index] = value;
                return;
            case IGroovyObject groovyObject:
                SetPropertyOf(groovyObject, GroovyFormat.ToDisplayString(index), value, frame, span);
                return;
            case IList list when NumberMath.IsIntegral(index):
                var position = NumberMath.ToInt(index!);
                if (position < 0)
                {
                    position += list.Count;
                }

                if (position < 0)
                {
                    throw ScriptErrors.IndexOutOfBounds($"Negative array index [{position}] too large for array size {list.Count}").At(frame.Source, span);
                }

                while (list.Count <= position)
                {
                    list.Add(null);
                }

                list[position] = value;
                return;
            default:
                throw ScriptErrors.MissingMethod(target, "putAt", [index, value]).At(frame.Source, span);
        }
    }

    private async ValueTask<object?> EvaluateAssignmentAsync(AssignmentExpression expression, Frame frame)
    {
        if (expression.Target is ListExpression names && expression.Operator is null)
        {
            // (a, b) = [1, 2]
            var values = TypeCoercion.ToList(await EvaluateAsync(expression.Value, frame).ConfigureAwait(false));
            for (var i = 0; i < names.Elements.Length; i++)
            {
                var element = await ResolveTargetAsync(names.Elements[i], frame).ConfigureAwait(false);
                await element.SetAsync(this, i < values.Count ? values[i] : null, frame, expression.Span).ConfigureAwait(false);
            }

            return values;
        }

        var target = await ResolveTargetAsync(expression.Target, frame).ConfigureAwait(false);
        object? value;
        if (expression.IsElvis)
        {
            var current = await target.GetAsync(this, frame, expression.Span).ConfigureAwait(false);
            if (GroovyTruth.IsTrue(current))
            {
                return current;
            }

            value = await EvaluateAsync(expression.Value, frame).ConfigureAwait(false);
        }
        else if (expression.Operator is { } op)
        {
            var current = await target.GetAsync(this, frame, expression.Span).ConfigureAwait(false);
            var right = await EvaluateAsync(expression.Value, frame).ConfigureAwait(false);
            try
            {
                value = await ApplyBinaryAsync(op, current, right, frame, expression.Span).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not GroovyException && ScriptErrors.Translate(e) is { } translated)
            {
                throw translated.At(frame.Source, expression.Span);
            }
        }
        else
        {
            value = await EvaluateAsync(expression.Value, frame).ConfigureAwait(false);
        }

        await target.SetAsync(this, value, frame, expression.Span).ConfigureAwait(false);
        return value;
    }

    private async ValueTask<AssignmentTarget> ResolveTargetAsync(Expression expression, Frame frame)
    {
        switch (expression)
        {
            case VariableExpression variable:
                return new AssignmentTarget(variable.Name, null, null, TargetKind.Variable, variable);
            case PropertyExpression property:
                var receiver = await EvaluateAsync(property.Target, frame).ConfigureAwait(false);
                var name = property.DynamicName is null
                    ? property.Name
                    : GroovyFormat.ToDisplayString(await EvaluateAsync(property.DynamicName, frame).ConfigureAwait(false));
                return new AssignmentTarget(name, receiver, null, TargetKind.Property, property);
            case IndexExpression index when index.Indexes.Length == 1:
                var container = await EvaluateAsync(index.Target, frame).ConfigureAwait(false);
                var key = await EvaluateAsync(index.Indexes[0], frame).ConfigureAwait(false);
                return new AssignmentTarget(null, container, key, TargetKind.Index, index);
            default:
                throw ScriptErrors.Unsupported("Assigning to this expression").At(frame.Source, expression.Span);
        }
    }

    private enum TargetKind
    {
        Variable,
        Property,
        Index,
    }

    /// <summary>The left side of an assignment, with its receiver and index evaluated once.</summary>
    private sealed record AssignmentTarget(string? Name, object? Receiver, object? Index, TargetKind Kind, Expression Expression)
    {
        public ValueTask<object?> GetAsync(GroovyInterpreter interpreter, Frame frame, SourceSpan span) => Kind switch
        {
            TargetKind.Variable => ValueTask.FromResult<object?>(interpreter.ResolveVariable((VariableExpression)Expression, frame)),
            TargetKind.Property => Receiver is null
                ? throw ScriptErrors.NullProperty(Name!).At(frame.Source, span)
                : interpreter.GetPropertyOfAsync(Receiver, Name!, frame, span),
            _ => ValueTask.FromResult<object?>(Receiver is null
                ? throw ScriptErrors.NullIndex().At(frame.Source, span)
                : GetAt(Receiver, Index, frame, span)),
        };

        public ValueTask SetAsync(GroovyInterpreter interpreter, object? value, Frame frame, SourceSpan span)
        {
            switch (Kind)
            {
                case TargetKind.Variable:
                    AssignVariable(Name!, value, frame);
                    break;
                case TargetKind.Property:
                    SetPropertyOf(Receiver, Name!, value, frame, span);
                    break;
                default:
                    PutAt(Receiver, Index, value, frame, span);
                    break;
            }

            return ValueTask.CompletedTask;
        }
    }
}
