using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Time;

/// <summary>java.text.SimpleDateFormat: <c>new SimpleDateFormat('yyyy-MM-dd').format(date)</c>, <c>setTimeZone(zone)</c>.</summary>
public sealed class SimpleDateFormatValue(string pattern) : IGroovyObject
{
    public string Pattern { get; } = pattern;

    public TimeZoneValue Zone { get; private set; } = TimeZoneValue.Default();

    public string GroovyClassName => "java.text.SimpleDateFormat";

    public object? GetProperty(string name) => name switch
    {
        "timeZone" => Zone,
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value)
    {
        if (name == "timeZone" && value is TimeZoneValue zone)
        {
            Zone = zone;
            return true;
        }

        return false;
    }

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var args = arguments.Flatten();
        switch (name, args.Count)
        {
            case ("format", 1) when args[0] is DateValue date:
                return ValueTask.FromResult<object?>(JavaDateFormat.Format(date.Instant, Pattern, Zone));
            case ("format", 1) when NumberMath.IsNumber(args[0]):
                return ValueTask.FromResult<object?>(JavaDateFormat.Format(DateTimeOffset.FromUnixTimeMilliseconds(NumberMath.ToLong(args[0]!)), Pattern, Zone));
            case ("setTimeZone", 1) when args[0] is TimeZoneValue zone:
                Zone = zone;
                return ValueTask.FromResult<object?>(null);
            case ("getTimeZone", 0):
                return ValueTask.FromResult<object?>(Zone);
            case ("toPattern", 0):
                return ValueTask.FromResult<object?>(Pattern);
            case ("parse", _):
                throw ScriptErrors.Unsupported("SimpleDateFormat.parse");
            default:
                return ValueTask.FromResult<object?>(Undefined.Value);
        }
    }
}
