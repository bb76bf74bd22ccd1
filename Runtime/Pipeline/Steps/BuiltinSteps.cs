namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The steps every build has, plus the ones its extensions register.</summary>
internal static class BuiltinSteps
{
    public static StepRegistry Create(BuildRequest request, BuildContext build)
    {
        var registry = new StepRegistry();
        foreach (var step in BasicSteps.All().Concat(ShellSteps.All()).Concat(FlowSteps.All()).Concat(FileSteps.All())
                     .Concat(DataSteps.All()).Concat(StructureSteps.All()).Concat(CredentialSteps.All()).Concat(InputSteps.All())
                     .Concat(MiscSteps.All()).Concat(ScmSteps.All()).Concat(ValidationSteps.All()).Concat(ContextSteps.All()))
        {
            registry.Add(step);
        }

        registry.Add(new DelegateStep("println", false, false, context => registry.TryGet("echo", out var echo) ? echo.InvokeAsync(context) : ValueTask.FromResult<object?>(null)));
        registry.Add(new DelegateStep("print", false, false, context => registry.TryGet("echo", out var echo) ? echo.InvokeAsync(context) : ValueTask.FromResult<object?>(null)));

        var extensions = new PipelineRegistry();
        foreach (var extension in request.Extensions)
        {
            extension.Register(extensions);
        }

        foreach (var step in extensions.Steps.Values)
        {
            registry.Add(step);
        }

        foreach (var (name, factory) in extensions.Globals)
        {
            build.ExtensionGlobals[name] = factory;
        }

        return registry;
    }
}
