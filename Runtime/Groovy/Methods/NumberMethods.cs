using System.Globalization;
using System.Numerics;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>Integer, Long, BigInteger, BigDecimal and Double with Groovy's number methods (times, upto, toInteger...).</summary>
public static class NumberMethods
{
    public static async ValueTask<object?> InvokeAsync(object number, string name, MethodCall call)
    {
        switch (name)
        {
            case "toInteger" or "intValue" or "asInteger" or "shortValue" or "byteValue":
                return NumberMath.ToInt(number);
            case "toLong" or "longValue":
                return NumberMath.ToLong(number);
            case "toDouble" or "doubleValue":
                return NumberMath.ToDouble(number);
            case "toFloat" or "floatValue":
                return (float)NumberMath.ToDouble(number);
            case "toBigDecimal":
                return NumberMath.ToDecimal(number);
            case "toBigInteger":
                return NumberMath.ToBigInteger(number);
            case "toString":
                return call.Count == 0 ? GroovyFormat.ToDisplayString(number) : Undefined.Value;
            case "abs":
                return NumberMath.Compare(number, 0) < 0 ? NumberMath.Negate(number) : number;
            case "round":
                if (number is decimal d)
                {
                    return call.Count > 0 ? Math.Round(d, call.IntAt(0), MidpointRounding.AwayFromZero) : (object)(long)Math.Round(d, MidpointRounding.AwayFromZero);
                }

                if (number is double or float)
                {
                    var value = NumberMath.ToDouble(number);
                    return call.Count > 0
                        ? Math.Round(value, call.IntAt(0), MidpointRounding.AwayFromZero)
                        : number is float ? (int)Math.Floor(value + 0.5) : (object)(long)Math.Floor(value + 0.5);
                }

                return number;
            case "setScale" when number is decimal scaled:
                return Math.Round(scaled, call.IntAt(0), MidpointRounding.AwayFromZero);
            case "floor":
                return Math.Floor(NumberMath.ToDouble(number));
            case "ceil":
                return Math.Ceiling(NumberMath.ToDouble(number));
            case "intdiv":
                return NumberMath.IntDiv(number, call[0]!);
            case "mod":
                return NumberMath.Modulo(number, call[0]!);
            case "plus":
                return NumberMath.IsNumber(call[0]) ? NumberMath.Add(number, call[0]!) : GroovyFormat.ToDisplayString(number) + call.Text(0);
            case "minus":
                return NumberMath.Subtract(number, call[0]!);
            case "multiply":
                return NumberMath.Multiply(number, call[0]!);
            case "div":
                return NumberMath.Divide(number, call[0]!);
            case "power":
                return NumberMath.Power(number, call[0]!);
            case "next":
                return NumberMath.Add(number, 1);
            case "previous":
                return NumberMath.Subtract(number, 1);
            case "compareTo":
                return NumberMath.Compare(number, call[0]!);
            case "isNaN":
                return number is double n && double.IsNaN(n);
            case "times" when call.Closure(0) is { } body:
                var count = NumberMath.ToLong(number);
                for (var i = 0; i < count; i++)
                {
                    await call.CallAsync(body, i).ConfigureAwait(false);
                }

                return null;
            case "upto" when call.Closure(1) is { } up:
                for (var i = NumberMath.ToLong(number); i <= NumberMath.ToLong(call[0]!); i++)
                {
                    await call.CallAsync(up, Narrow(i)).ConfigureAwait(false);
                }

                return null;
            case "downto" when call.Closure(1) is { } down:
                for (var i = NumberMath.ToLong(number); i >= NumberMath.ToLong(call[0]!); i--)
                {
                    await call.CallAsync(down, Narrow(i)).ConfigureAwait(false);
                }

                return null;
            case "step" when call.Closure(2) is { } stepBody:
                var step = NumberMath.ToLong(call[1]!);
                if (step == 0)
                {
                    throw ScriptErrorsBridge.IllegalArgument("Infinite loop detected due to step size of 0");
                }

                for (var i = NumberMath.ToLong(number); step > 0 ? i < NumberMath.ToLong(call[0]!) : i > NumberMath.ToLong(call[0]!); i += step)
                {
                    await call.CallAsync(stepBody, Narrow(i)).ConfigureAwait(false);
                }

                return null;
            case "format" when call.Count == 1:
                return JavaFormatter.Format(call.Text(0), [number]);
            case "toHexString" or "toBinaryString":
                return Convert.ToString(NumberMath.ToLong(number), name == "toHexString" ? 16 : 2);
            case "bitLength" when number is BigInteger big:
                return (int)big.GetBitLength();
            case "signum":
                return NumberMath.Compare(number, 0);
            case "stripTrailingZeros" when number is decimal trailing:
                return trailing / 1.0000000000000000000000000000m;
            case "toPlainString":
                return NumberMath.ToDecimal(number).ToString(CultureInfo.InvariantCulture);
        }

        return Undefined.Value;
    }

    private static object Narrow(long value) => NumberMath.Narrow(value);
}

/// <summary>Keeps NumberMethods free of a dependency cycle on the interpreter's error helpers.</summary>
internal static class ScriptErrorsBridge
{
    public static Exception IllegalArgument(string message) => Interpreter.ScriptErrors.IllegalArgument(message);
}
