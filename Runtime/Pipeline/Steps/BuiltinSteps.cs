namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The steps every build has, plus the ones its extensions register, checked against the step catalog.</summary>
internal static class BuiltinSteps
{
    /// <summary>The core runtime's steps, one per catalog entry that runs without an extension.</summary>
    public static IEnumerable<IStep> Core() =>
        BasicSteps.All().Concat(ShellSteps.All()).Concat(FlowSteps.All()).Concat(FileSteps.All())
            .Concat(DataSteps.All()).Concat(StructureSteps.All()).Concat(CredentialSteps.All()).Concat(InputSteps.All())
            .Concat(MiscSteps.All()).Concat(TestReportSteps.All()).Concat(ScmSteps.All()).Concat(ValidationSteps.All()).Concat(ContextSteps.All())
            .Concat(LibrarySteps.All()).Concat(NotificationSteps.All()).Concat(ChatSteps.All()).Concat(HttpRequestSteps.All()).Concat(ReportSteps.All()).Concat(CoverageSteps.All());

    public static StepRegistry Create(BuildRequest request, BuildContext build)
    {
        var core = Core().ToList();
        var extensionSteps = new Dictionary<string, IEnumerable<IStep>>(StringComparer.Ordinal);
        var registry = new StepRegistry();
        foreach (var step in core)
        {
            registry.Add(step);
        }

        foreach (var extension in request.Extensions)
        {
            var extensions = new PipelineRegistry();
            extension.Register(extensions);
            extensionSteps[extension.Name] = extensions.Steps.Values;
            foreach (var step in extensions.Steps.Values)
            {
                registry.Add(step);
            }

            foreach (var (name, factory) in extensions.Globals)
            {
                build.ExtensionGlobals[name] = factory;
            }
        }

        StepBinding.Verify(core, extensionSteps);
        return registry;
    }
}
