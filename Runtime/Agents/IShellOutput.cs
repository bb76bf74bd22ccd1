namespace ContainerCd.Runtime.Agents;

/// <summary>Where a step's output goes as it arrives: the build log of its stage and step.</summary>
public interface IShellOutput
{
    /// <summary>Appends text (any amount, not necessarily whole lines). Must not block for long.</summary>
    void Write(string text);
}
