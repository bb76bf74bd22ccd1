namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// A pipeline step (<c>sh</c>, <c>echo</c>, <c>dir</c>...). The dispatcher writes <c>[Pipeline] name</c>,
/// publishes step events and, for steps that take a block, the closing <c>[Pipeline] // name</c>.
/// </summary>
public interface IStep
{
    string Name { get; }

    /// <summary>Whether the step takes a body block (<c>dir('x') { }</c>).</summary>
    bool TakesBlock { get; }

    /// <summary>Whether the step needs a node (a workspace and an agent), as sh and writeFile do.</summary>
    bool NeedsNode { get; }

    ValueTask<object?> InvokeAsync(StepContext context);
}

/// <summary>A step written as a lambda.</summary>
public sealed class DelegateStep(string name, bool takesBlock, bool needsNode, Func<StepContext, ValueTask<object?>> invoke) : IStep
{
    public string Name { get; } = name;

    public bool TakesBlock { get; } = takesBlock;

    public bool NeedsNode { get; } = needsNode;

    public ValueTask<object?> InvokeAsync(StepContext context) => invoke(context);
}
