using System.Net;
using System.Text;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Json;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Time;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>
/// The static members of the Java classes Jenkinsfiles use: Integer.parseInt, String.format,
/// Math.max, Boolean.parseBoolean, Collections.sort, URLEncoder.encode, Base64...
/// </summary>
public static class StaticMethods
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["Integer"] = "java.lang.Integer",
        ["Long"] = "java.lang.Long",
        ["Double"] = "java.lang.Double",
        ["Float"] = "java.lang.Float",
        ["Short"] = "java.lang.Short",
        ["Byte"] = "java.lang.Byte",
        ["Boolean"] = "java.lang.Boolean",
        ["String"] = "java.lang.String",
        ["Character"] = "java.lang.Character",
        ["Math"] = "java.lang.Math",
        ["System"] = "java.lang.System",
        ["Thread"] = "java.lang.Thread",
        ["Object"] = "java.lang.Object",
        ["Number"] = "java.lang.Number",
        ["Objects"] = "java.util.Objects",
        ["Collections"] = "java.util.Collections",
        ["Arrays"] = "java.util.Arrays",
        ["List"] = "java.util.List",
        ["Map"] = "java.util.Map",
        ["Set"] = "java.util.Set",
        ["Collection"] = "java.util.Collection",
        ["ArrayList"] = "java.util.ArrayList",
        ["HashMap"] = "java.util.HashMap",
        ["LinkedHashMap"] = "java.util.LinkedHashMap",
        ["HashSet"] = "java.util.HashSet",
        ["LinkedHashSet"] = "java.util.LinkedHashSet",
        ["UUID"] = "java.util.UUID",
        ["Base64"] = "java.util.Base64",
        ["BigDecimal"] = "java.math.BigDecimal",
        ["BigInteger"] = "java.math.BigInteger",
        ["RoundingMode"] = "java.math.RoundingMode",
        ["Pattern"] = "java.util.regex.Pattern",
        ["Matcher"] = "java.util.regex.Matcher",
        ["URLEncoder"] = "java.net.URLEncoder",
        ["URLDecoder"] = "java.net.URLDecoder",
        ["Closure"] = "groovy.lang.Closure",
        ["GString"] = "groovy.lang.GString",
        ["StringBuilder"] = "java.lang.StringBuilder",
        ["File"] = "java.io.File",
        ["Date"] = "java.util.Date",
        ["TimeZone"] = "java.util.TimeZone",
        ["SimpleDateFormat"] = "java.text.SimpleDateFormat",
        ["JsonOutput"] = "groovy.json.JsonOutput",
        ["JsonSlurper"] = "groovy.json.JsonSlurper",
        ["JsonSlurperClassic"] = "groovy.json.JsonSlurperClassic",
        ["JsonBuilder"] = "groovy.json.JsonBuilder",
    };

    /// <summary>Jenkins classes scripts name by their qualified name (getContext(hudson.FilePath), instanceof checks).</summary>
    private static readonly HashSet<string> KnownQualified = new(Known.Values.Concat(
    [
        "hudson.FilePath",
        "hudson.EnvVars",
        "hudson.Launcher",
        "hudson.AbortException",
        "hudson.model.TaskListener",
        "hudson.model.Run",
        "hudson.model.Result",
        "hudson.model.Node",
        "hudson.model.Computer",
        "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException",
        "org.jenkinsci.plugins.workflow.job.WorkflowRun",
    ]), StringComparer.Ordinal);

    public static bool IsKnownClass(string name) => Known.ContainsKey(name);

    /// <summary>Whether <c>a.b.C</c>, written in a script, names a class this runtime knows.</summary>
    public static bool IsKnownQualifiedClass(string name) => KnownQualified.Contains(name);

    public static string QualifiedName(string name) => Known.TryGetValue(name, out var qualified) ? qualified : name;

    public static object? GetStaticProperty(ClassValue type, string name)
    {
        switch (name)
        {
            case "name":
                return type.Name;
            case "simpleName":
                return type.SimpleName;
            case "class":
                return type;
        }

        return (type.SimpleName, name) switch
        {
            ("Integer", "MAX_VALUE") => int.MaxValue,
            ("Integer", "MIN_VALUE") => int.MinValue,
            ("Long", "MAX_VALUE") => long.MaxValue,
            ("Long", "MIN_VALUE") => long.MinValue,
            ("Double", "MAX_VALUE") => double.MaxValue,
            ("Boolean", "TRUE") => true,
            ("Boolean", "FALSE") => false,
            ("Math", "PI") => Math.PI,
            ("Math", "E") => Math.E,
            ("BigDecimal", "ZERO") => 0m,
            ("BigDecimal", "ONE") => 1m,
            ("BigDecimal", "TEN") => 10m,
            ("BigInteger", "ZERO") => System.Numerics.BigInteger.Zero,
            ("BigInteger", "ONE") => System.Numerics.BigInteger.One,
            ("Closure", "OWNER_FIRST") => ClosureValue.OwnerFirst,
            ("Closure", "DELEGATE_FIRST") => ClosureValue.DelegateFirst,
            ("Closure", "OWNER_ONLY") => ClosureValue.OwnerOnly,
            ("Closure", "DELEGATE_ONLY") => ClosureValue.DelegateOnly,
            ("Closure", "TO_SELF") => 4,
            ("File", "separator") => "/",
            ("File", "pathSeparator") => ":",
            ("RoundingMode", _) => name,
            ("Result", "SUCCESS" or "UNSTABLE" or "FAILURE" or "NOT_BUILT" or "ABORTED") => name,
            _ => Undefined.Value,
        };
    }

    public static async ValueTask<object?> InvokeAsync(GroovyInterpreter interpreter, ClassValue type, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var call = new MethodCall(interpreter, arguments, frame, span);
        switch (name)
        {
            case "getName":
                return type.Name;
            case "getSimpleName":
                return type.SimpleName;
            case "isInstance":
                return GroovyTypes.IsInstance(call[0], type.Name);
            case "toString":
                return type.ToString();
        }

        var result = type.Name switch
        {
            "java.lang.Integer" or "java.lang.Short" or "java.lang.Byte" => IntegerMethod(name, call, "Integer"),
            "java.lang.Long" => IntegerMethod(name, call, "Long"),
            "java.lang.Double" or "java.lang.Float" => DoubleMethod(name, call),
            "java.lang.Boolean" => name switch
            {
                "parseBoolean" => call[0] is not null && string.Equals(call.Text(0), "true", StringComparison.OrdinalIgnoreCase),
                "valueOf" => call[0] is bool b ? b : call[0] is not null && string.Equals(call.Text(0), "true", StringComparison.OrdinalIgnoreCase),
                "toString" => GroovyFormat.ToDisplayString(call[0]),
                _ => Undefined.Value,
            },
            "java.lang.String" => StringMethod(name, call),
            "java.lang.Character" => CharacterMethod(name, call),
            "java.lang.Math" => MathMethod(name, call),
            "java.lang.System" => SystemMethod(name, call),
            "java.lang.Thread" when name == "sleep" => throw ScriptErrors.Unsupported("Thread.sleep (use the sleep step)"),
            "java.util.Objects" => name switch
            {
                "equals" => GroovyEquality.AreEqual(call[0], call[1]),
                "isNull" => call[0] is null,
                "nonNull" => call[0] is not null,
                "toString" => call[0] is null && call.Count > 1 ? call[1] : GroovyFormat.ToDisplayString(call[0]),
                "requireNonNull" => call[0] ?? throw GroovyException.Create(JavaClasses.NullPointerException, call.Count > 1 ? call.Text(1) : null),
                "hash" => call.Args.Aggregate(1, (h, v) => unchecked(31 * h + GroovyEquality.GetHashCode(v))),
                _ => Undefined.Value,
            },
            "java.util.Collections" => await CollectionsMethodAsync(name, call).ConfigureAwait(false),
            "java.util.Arrays" => name switch
            {
                "asList" => call.Args.Count == 1 && call[0] is System.Collections.IList single ? single.Cast<object?>().ToList() : call.Args.ToList(),
                "toString" => GroovyFormat.ToDisplayString(call[0]),
                "sort" => await CollectionsMethodAsync("sort", call).ConfigureAwait(false),
                _ => Undefined.Value,
            },
            "java.util.UUID" when name == "randomUUID" => Guid.NewGuid().ToString(),
            "java.util.Base64" => name switch
            {
                "getEncoder" or "getMimeEncoder" => new ClassValue("java.util.Base64$Encoder"),
                "getDecoder" or "getMimeDecoder" => new ClassValue("java.util.Base64$Decoder"),
                "getUrlEncoder" => new ClassValue("java.util.Base64$UrlEncoder"),
                _ => Undefined.Value,
            },
            "java.util.Base64$Encoder" or "java.util.Base64$UrlEncoder" => name switch
            {
                "encodeToString" => Encode(call[0], type.Name.EndsWith("UrlEncoder", StringComparison.Ordinal)),
                "encode" => new ByteArrayValue(Encoding.ASCII.GetBytes(Encode(call[0], false))),
                _ => Undefined.Value,
            },
            "java.util.Base64$Decoder" when name == "decode" => new ByteArrayValue(Convert.FromBase64String(call.Text(0))),
            "java.math.BigDecimal" when name == "valueOf" => NumberMath.ToDecimal(call[0]!),
            "java.math.BigInteger" when name == "valueOf" => NumberMath.ToBigInteger(call[0]!),
            "java.util.regex.Pattern" => name switch
            {
                "compile" => new PatternValue(call.Text(0)),
                "quote" => JavaRegex.Quote(call.Text(0)),
                "matches" => JavaRegex.CreateWhole(call.Text(0)).IsMatch(call.Text(1)),
                _ => Undefined.Value,
            },
            "java.util.TimeZone" => name switch
            {
                "getTimeZone" => TimeZoneValue.Get(call.Text(0)),
                "getDefault" => TimeZoneValue.Default(),
                _ => Undefined.Value,
            },
            "groovy.json.JsonOutput" => name switch
            {
                "toJson" when call.Count == 1 => JsonOutput.ToJson(call[0]),
                "prettyPrint" when call.Count == 1 => JsonOutput.PrettyPrint(call.Text(0)),
                _ => Undefined.Value,
            },
            "java.net.URLEncoder" when name == "encode" => WebUtility.UrlEncode(call.Text(0)),
            "java.net.URLDecoder" when name == "decode" => WebUtility.UrlDecode(call.Text(0)),
            _ => Undefined.Value,
        };

        if (result is Undefined && type.Name.StartsWith("java.", StringComparison.Ordinal) is false && !Known.ContainsValue(type.Name))
        {
            throw ScriptErrors.Unsupported($"Calling {type.Name}.{name}()").At(frame.Source, span);
        }

        return result;
    }

    private static string Encode(object? value, bool url)
    {
        var bytes = value is ByteArrayValue b ? b.Bytes : Encoding.UTF8.GetBytes(GroovyFormat.ToDisplayString(value));
        var text = Convert.ToBase64String(bytes);
        return url ? text.Replace('+', '-').Replace('/', '_') : text;
    }

    private static object? IntegerMethod(string name, MethodCall call, string type)
    {
        switch (name)
        {
            case "parseInt" or "parseLong" or "valueOf" or "decode":
                if (NumberMath.IsNumber(call[0]))
                {
                    return type == "Long" ? NumberMath.ToLong(call[0]!) : NumberMath.ToInt(call[0]!);
                }

                var text = call.Text(0);
                if (call.Count > 1)
                {
                    var radix = call.IntAt(1);
                    var parsed = Convert.ToInt64(text, radix);
                    return type == "Long" ? parsed : (int)parsed;
                }

                return TypeCoercion.ParseNumber(text, type) is { } number && text == text.Trim()
                    ? number
                    : throw new FormatException($"For input string: \"{text}\"" + (call[0] is null ? string.Empty : string.Empty));
            case "toString":
                return call.Count > 1 ? Convert.ToString(NumberMath.ToLong(call[0]!), call.IntAt(1)) : GroovyFormat.ToDisplayString(call[0]);
            case "toHexString":
                return Convert.ToString(NumberMath.ToLong(call[0]!), 16);
            case "toBinaryString":
                return Convert.ToString(NumberMath.ToLong(call[0]!), 2);
            case "max":
                return NumberMath.Compare(call[0]!, call[1]!) >= 0 ? call[0] : call[1];
            case "min":
                return NumberMath.Compare(call[0]!, call[1]!) <= 0 ? call[0] : call[1];
            case "compare":
                return NumberMath.Compare(call[0]!, call[1]!);
            case "signum":
                return NumberMath.Compare(call[0]!, 0);
            case "sum":
                return NumberMath.Add(call[0]!, call[1]!);
            default:
                return Undefined.Value;
        }
    }

    private static object? DoubleMethod(string name, MethodCall call) => name switch
    {
        "parseDouble" or "parseFloat" or "valueOf" => NumberMath.IsNumber(call[0])
            ? NumberMath.ToDouble(call[0]!)
            : TypeCoercion.ParseNumber(call.Text(0), "Double") ?? throw new FormatException($"For input string: \"{call.Text(0)}\""),
        "isNaN" => call[0] is double d && double.IsNaN(d),
        "toString" => GroovyFormat.ToDisplayString(call[0]),
        "compare" => NumberMath.Compare(call[0]!, call[1]!),
        _ => Undefined.Value,
    };

    private static object? StringMethod(string name, MethodCall call) => name switch
    {
        "valueOf" or "copyValueOf" => call[0] is ByteArrayValue bytes ? bytes.DecodeUtf8() : GroovyFormat.ToDisplayString(call[0]),
        "format" => JavaFormatter.Format(call.Text(0), call.Args.Count == 2 && call[1] is System.Collections.IList list ? list.Cast<object?>().ToList() : call.Args.Skip(1).ToList()),
        "join" => string.Join(call.Text(0), (call.Args.Count == 2 && call[1] is System.Collections.IEnumerable items and not string
            ? items.Cast<object?>()
            : call.Args.Skip(1)).Select(GroovyFormat.ToDisplayString)),
        _ => Undefined.Value,
    };

    private static object? CharacterMethod(string name, MethodCall call)
    {
        var text = call.Text(0);
        var c = text.Length > 0 ? text[0] : '\0';
        return name switch
        {
            "isDigit" => char.IsDigit(c),
            "isLetter" => char.IsLetter(c),
            "isLetterOrDigit" => char.IsLetterOrDigit(c),
            "isWhitespace" => char.IsWhiteSpace(c),
            "isUpperCase" => char.IsUpper(c),
            "isLowerCase" => char.IsLower(c),
            "toUpperCase" => char.ToUpperInvariant(c).ToString(),
            "toLowerCase" => char.ToLowerInvariant(c).ToString(),
            "getNumericValue" => (int)char.GetNumericValue(c),
            _ => Undefined.Value,
        };
    }

    private static object? MathMethod(string name, MethodCall call)
    {
        switch (name)
        {
            case "max":
                return NumberMath.Compare(call[0]!, call[1]!) >= 0 ? call[0] : call[1];
            case "min":
                return NumberMath.Compare(call[0]!, call[1]!) <= 0 ? call[0] : call[1];
            case "abs":
                return NumberMath.Compare(call[0]!, 0) < 0 ? NumberMath.Negate(call[0]!) : call[0];
            case "round":
                var value = NumberMath.ToDouble(call[0]!);
                return call[0] is float ? (int)Math.Floor(value + 0.5) : (object)(long)Math.Floor(value + 0.5);
            case "floor":
                return Math.Floor(NumberMath.ToDouble(call[0]!));
            case "ceil":
                return Math.Ceiling(NumberMath.ToDouble(call[0]!));
            case "pow":
                return Math.Pow(NumberMath.ToDouble(call[0]!), NumberMath.ToDouble(call[1]!));
            case "sqrt":
                return Math.Sqrt(NumberMath.ToDouble(call[0]!));
            case "log":
                return Math.Log(NumberMath.ToDouble(call[0]!));
            case "log10":
                return Math.Log10(NumberMath.ToDouble(call[0]!));
            case "random":
                return Random.Shared.NextDouble();
            case "signum":
                return (double)Math.Sign(NumberMath.ToDouble(call[0]!));
            default:
                return Undefined.Value;
        }
    }

    private static object? SystemMethod(string name, MethodCall call) => name switch
    {
        "currentTimeMillis" => call.Interpreter.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        "nanoTime" => TimeProvider.System.GetTimestamp() * (1_000_000_000L / TimeProvider.System.TimestampFrequency),
        "lineSeparator" => "\n",
        "getenv" or "getProperty" or "setProperty" or "exit" => throw ScriptErrors.Unsupported($"System.{name}() (use env.NAME for environment variables)"),
        "identityHashCode" => call[0]?.GetHashCode() ?? 0,
        _ => Undefined.Value,
    };

    private static async ValueTask<object?> CollectionsMethodAsync(string name, MethodCall call)
    {
        switch (name)
        {
            case "sort" when call[0] is System.Collections.IList list:
                var sorted = await CollectionMethods.SortAsync(list.Cast<object?>().ToList(), call.Closure(1), call).ConfigureAwait(false);
                list.Clear();
                foreach (var item in sorted)
                {
                    list.Add(item);
                }

                return null;
            case "reverse" when call[0] is System.Collections.IList reverse:
                var items = reverse.Cast<object?>().Reverse().ToList();
                reverse.Clear();
                foreach (var item in items)
                {
                    reverse.Add(item);
                }

                return null;
            case "emptyList":
                return new List<object?>();
            case "emptyMap":
                return new GroovyMap();
            case "emptySet":
                return new GroovySet();
            case "singletonList" or "singleton":
                return new List<object?> { call[0] };
            case "nCopies":
                return Enumerable.Repeat(call[1], call.IntAt(0)).ToList();
            case "unmodifiableList" or "unmodifiableMap" or "unmodifiableSet" or "synchronizedList" or "synchronizedMap" or "unmodifiableCollection":
                return call[0];
            case "max" or "min":
                return await CollectionMethods.InvokeAsync(GroovyInterpreter.Iterate(call[0]).ToList(), name, new MethodCall(call.Interpreter, new Arguments(call.Args.Skip(1).ToList(), null), call.Frame, call.Span)).ConfigureAwait(false);
            default:
                return Undefined.Value;
        }
    }
}
