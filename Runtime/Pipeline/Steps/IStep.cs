using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// A pipeline step (<c>sh</c>, <c>echo</c>, <c>dir</c>...). The dispatcher writes <c>[Pipeline] name</c>,
/// publishes step events and, for steps that take a block, the closing <c>[Pipeline] // name</c>.
/// </summary>
public interface IStep
{
    /// <summary>The step's one declaration (Parser's step catalog): name, parameters, block, node.</summary>
    StepInfo Info { get; }

    string Name { get; }

    /// <summary>Whether the step takes a body block (<c>dir('x') { }</c>).</summary>
    bool TakesBlock { get; }

    /// <summary>Whether the step needs a node (a workspace and an agent), as sh and writeFile do.</summary>
    bool NeedsNode { get; }

    ValueTask<object?> InvokeAsync(StepContext context);
}

/// <summary>
/// A step written as a lambda, bound by name to its catalog entry, which says whether it takes a block
/// and needs a node. Binding fails (a bug, caught by the tests) for a name the catalog lacks or does
/// not declare as run by containercd.
/// </summary>
public sealed class DelegateStep(string name, Func<StepContext, ValueTask<object?>> invoke) : IStep
{
    public StepInfo Info { get; } = StepBinding.Bind(name);

    public string Name => Info.Name;

    public bool TakesBlock => Info.TakesBlock;

    public bool NeedsNode => Info.NeedsNode;

    public ValueTask<object?> InvokeAsync(StepContext context) => invoke(context);
}
