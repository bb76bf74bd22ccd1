using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>The methods every object has in Groovy: toString, equals, hashCode, getClass, is, inspect, with, asType...</summary>
public static class ObjectMethods
{
    public static async ValueTask<object?> InvokeAsync(object receiver, string name, MethodCall call)
    {
        switch (name)
        {
            case "toString" when call.Count == 0:
                return GroovyFormat.ToDisplayString(receiver);
            case "equals":
                return GroovyEquality.AreEqual(receiver, call[0]);
            case "hashCode":
                return receiver is string or GStringValue ? StringMethods.JavaHashCode(receiver.ToString()!) : GroovyEquality.GetHashCode(receiver);
            case "getClass":
                return new ClassValue(GroovyTypes.ClassName(receiver));
            case "is":
                return ReferenceEquals(receiver, call[0]) || (receiver.GetType().IsValueType && Equals(receiver, call[0]));
            case "inspect":
                return GroovyFormat.Inspect(receiver);
            case "dump":
                return "<" + GroovyTypes.ClassName(receiver) + " " + GroovyFormat.ToDisplayString(receiver) + ">";
            case "asBoolean":
                return GroovyTruth.IsTrue(receiver);
            case "asType" when call[0] is ClassValue type:
                return TypeCoercion.Coerce(receiver, type.Name, 0, explicitAs: true);
            case "identity" or "with" when call.Closure(0) is ClosureValue closure:
                var scoped = closure.Clone();
                scoped.Delegate = receiver;
                scoped.ResolveStrategy = ClosureValue.DelegateFirst;
                return await call.CallAsync(scoped, receiver).ConfigureAwait(false);
            case "isCase":
                return await call.Interpreter.IsCaseAsync(receiver, call[0], call.Frame, call.Span).ConfigureAwait(false);
            case "getProperty" when call.Count == 1:
                return await call.Interpreter.GetPropertyOfAsync(receiver, call.Text(0), call.Frame, call.Span).ConfigureAwait(false);
            case "setProperty" when call.Count == 2:
                GroovyInterpreter.SetPropertyOf(receiver, call.Text(0), call[1], call.Frame, call.Span);
                return null;
            case "invokeMethod" when call.Count == 2:
                var arguments = call[1] is System.Collections.IList list ? list.Cast<object?>().ToList() : [call[1]];
                return await call.Interpreter.InvokeMethodAsync(receiver, call.Text(0), new Arguments(arguments, null), call.Frame, call.Span).ConfigureAwait(false);
            case "getMetaClass" or "metaClass":
                throw ScriptErrors.Unsupported("Groovy metaprogramming (metaClass)");
        }

        return Undefined.Value;
    }
}
