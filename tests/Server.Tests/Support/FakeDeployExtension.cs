using System.Collections.Immutable;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// A fake delivery step for tests of the deployment records, until the real deploy steps exist:
/// <c>fakeDeployEvent project: 'shop', phase: 'Started', strategy: 'blueGreen', weights: [blue: 100], images: [shop: 'sha256:...'], message: '...'</c>
/// emits one <see cref="DeploymentEvent"/> through the build's event sink, as a delivery step does; it deploys nothing.
/// </summary>
internal sealed class FakeDeployExtension : IPipelineExtension
{
    public static readonly FakeDeployExtension Instance = new();

    public string Name => "fake-deploy";

    public void Register(PipelineRegistry registry) => registry.AddStep(new FakeDeployEventStep());

    private sealed class FakeDeployEventStep : IStep
    {
        public StepInfo Info { get; } = new(new DescribableInfo("fakeDeployEvent", [], IsStrict: false), StepSupport.Runs) { Extension = "fake-deploy" };

        public string Name => Info.Name;

        public bool TakesBlock => false;

        public bool NeedsNode => false;

        public ValueTask<object?> InvokeAsync(StepContext context)
        {
            var phase = Enum.Parse<DeploymentPhase>(context.RequiredString("phase"));
            context.Build.Sink.Deployment(
                context.Flow.Stage?.Id,
                context.RequiredString("project"),
                phase,
                context.Text("strategy") ?? string.Empty,
                Map(context.Argument("weights")).ToImmutableDictionary(w => w.Key, w => int.Parse(w.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal),
                Map(context.Argument("images")).ToImmutableDictionary(StringComparer.Ordinal),
                context.Text("message"));
            return ValueTask.FromResult<object?>(null);
        }

        private static Dictionary<string, string> Map(object? value) =>
            value is GroovyMap map
                ? map.ToDictionary(e => GroovyFormat.ToDisplayString(e.Key), e => GroovyFormat.ToDisplayString(e.Value), StringComparer.Ordinal)
                : [];
    }
}
