namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// Bounds that stop a runaway script with a positioned error: statements and expressions evaluated
/// in the whole build, nesting of method and closure calls, iterations of one loop, and the length
/// of a string built by the script.
/// </summary>
public sealed record ScriptLimits(
    long MaxSteps = 50_000_000,
    int MaxDepth = 256,
    long MaxLoopIterations = 10_000_000,
    int MaxStringLength = 64 * 1024 * 1024)
{
    public static readonly ScriptLimits Default = new();
}
