using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The value of a symbol call that describes something rather than doing it: a credentials binding
/// (<c>string(credentialsId: 'x', variable: 'Y')</c>), a parameter definition (<c>booleanParam(...)</c>),
/// a job property (<c>buildDiscarder(logRotator(...))</c>). Steps read its arguments.
/// </summary>
public sealed class DescribableValue(string symbol, Arguments arguments) : IGroovyObject
{
    public static readonly IReadOnlySet<string> Symbols = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "text", "booleanParam", "choice", "password", "file", "usernamePassword", "usernameColonPassword",
        "sshUserPrivateKey", "certificate", "dockerCert", "logRotator", "buildDiscarder", "disableConcurrentBuilds",
        "parameters", "pipelineTriggers", "cron", "pollSCM", "upstream", "githubPush", "durabilityHint",
        "disableResume", "copyArtifactPermission", "rateLimitBuilds", "stringParam", "booleanParameter",
        "gitParameter", "run", "credentials_", "overrideIndexTriggers", "preserveStashes", "quietPeriod",
        "scmGit", "cloneOption", "localBranch", "cleanBeforeCheckout", "cleanAfterCheckout", "relativeTargetDirectory", "pruneStaleBranch",
        "JUnit", "NUnit3", "MSTest", "xUnitDotNet", "failed", "skipped",
        "developers", "culprits", "requestor", "upstreamDevelopers", "brokenBuildSuspects", "brokenTestsSuspects", "buildUser", "contributor",
    };

    public string Symbol { get; } = symbol;

    public Arguments Arguments { get; } = arguments;

    public string GroovyClassName => "org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable";

    /// <summary>A named argument, or the first unnamed one for <paramref name="name"/> when it is the default parameter.</summary>
    public object? Get(string name, bool firstPositional = false)
    {
        if (Arguments.Named is { } named && named.TryGetValue(name, out var value))
        {
            return value;
        }

        return firstPositional && Arguments.Positional.Count > 0 ? Arguments.Positional[0] : null;
    }

    public string? GetString(string name, bool firstPositional = false) => Get(name, firstPositional) is { } value ? GroovyFormat.ToDisplayString(value) : null;

    public object? GetProperty(string name) => name == "symbol" ? Symbol : Get(name) ?? Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name == "toString" ? ToString() : Undefined.Value);

    public override string ToString() => "@" + Symbol + "(" + string.Join(",", Arguments.Named?.Select(e => $"{e.Key}={GroovyFormat.ToDisplayString(e.Value)}") ?? []) + ")";
}
