using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline.Environment;

/// <summary>One <c>withEnv</c> (or <c>environment {}</c>) layer on top of the ones around it.</summary>
public sealed record EnvLayer(EnvLayer? Parent, ImmutableDictionary<string, string> Values)
{
    /// <summary>The layers from the outermost to this one.</summary>
    public IEnumerable<EnvLayer> OutermostFirst()
    {
        var stack = new Stack<EnvLayer>();
        for (var layer = this; layer is not null; layer = layer.Parent)
        {
            stack.Push(layer);
        }

        return stack;
    }
}
