using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Adds steps and global variables to every build (the Docker Pipeline plugin's <c>docker</c> global
/// and <c>withDockerRegistry</c> step, for instance). Registered on <see cref="BuildRequest.Extensions"/>.
/// </summary>
public interface IPipelineExtension
{
    /// <summary>The name the step catalog gives this extension's steps (<c>StepInfo.Extension</c>).</summary>
    string Name { get; }

    void Register(PipelineRegistry registry);
}

/// <summary>Where an extension registers: steps by name, global variables by name (created per use, with the calling frame).</summary>
public sealed class PipelineRegistry
{
    internal Dictionary<string, IStep> Steps { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, Func<Frame, object?>> Globals { get; } = new(StringComparer.Ordinal);

    public void AddStep(IStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Steps[step.Name] = step;
    }

    /// <summary>A global variable such as <c>docker</c>: the factory gets the frame of the code that reads it (its flow: node, env, stage).</summary>
    public void AddGlobal(string name, Func<Frame, object?> factory) => Globals[name] = factory;
}
