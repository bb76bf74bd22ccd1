namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>How isolated engines start.</summary>
internal sealed record IsolatedEngineOptions
{
    public static readonly IsolatedEngineOptions Default = new();

    /// <summary>How long dockerd may take to answer before the agent fails, naming the reason.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra dockerd arguments (<see cref="EngineScript.ArgumentsVariable"/>).</summary>
    public string DockerdArguments { get; init; } = "";

    /// <summary>
    /// Images of the host engine in each new engine (no registry can be pulled from): <c>FROM</c> them works in a
    /// build. Loaded once into a template that engines start from (see <c>IsolatedEngines.Template.cs</c>).
    /// </summary>
    public IReadOnlyList<string> Preload { get; init; } = [Images.BaseImages.Busybox];

    /// <summary>The static docker CLI bound into each engine (<see cref="EngineScript.CliPath"/>) for the containers started there; null: none.</summary>
    public string? DockerCliPath { get; init; }
}
