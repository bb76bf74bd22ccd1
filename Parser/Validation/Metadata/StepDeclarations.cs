namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>A compact way to write the step catalog: <c>Runs(Strict("sh", Req("script"))).OnNode()</c>.</summary>
internal static class StepDeclarations
{
    /// <summary>A step <c>containercd run</c> implements.</summary>
    public static StepInfo Runs(DescribableInfo signature) => new(signature, StepSupport.Runs);

    /// <summary>A plugin's step <c>containercd run</c> does not implement (lint warns, run fails naming it).</summary>
    public static StepInfo Unsupported(DescribableInfo signature) => new(signature, StepSupport.NotSupported);

    /// <summary>A describable symbol used as a value (<c>usernamePassword(...)</c>), not called as a step.</summary>
    public static StepInfo Symbol(string name) => new(Describables.Loose(name), StepSupport.Symbol);

    public static StepInfo OnNode(this StepInfo step) => step with { NeedsNode = true };

    /// <summary>A step that runs in the node's own shell (<see cref="WorkspaceUse.NodeShell"/>).</summary>
    public static StepInfo InNodeShell(this StepInfo step) => step with { Workspace = WorkspaceUse.NodeShell };

    /// <summary>A step that reads the workspace's files here and writes none (<see cref="WorkspaceUse.Reads"/>).</summary>
    public static StepInfo ReadsFiles(this StepInfo step) => step with { Workspace = WorkspaceUse.Reads };

    /// <summary>A step that touches no file of the workspace here (<see cref="WorkspaceUse.None"/>).</summary>
    public static StepInfo NoFiles(this StepInfo step) => step with { Workspace = WorkspaceUse.None };

    /// <summary>Parameters of a step run implements that it cannot honour, and why (lint warns, run fails).</summary>
    public static StepInfo Without(this StepInfo step, string why, params string[] parameters) =>
        step with { UnsupportedParameters = step.UnsupportedParameters.SetItems(parameters.Select(p => KeyValuePair.Create(p, why))) };

    public static StepInfo InExtension(this StepInfo step, string extension) => step with { Extension = extension };

    public static IReadOnlyDictionary<string, StepInfo> ToStepCatalog(IEnumerable<StepInfo> steps) =>
        steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
}
