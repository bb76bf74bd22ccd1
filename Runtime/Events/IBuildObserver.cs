namespace ContainerCd.Runtime.Events;

/// <summary>
/// Receives every event of a build, in sequence order, already masked. Called on the build's own
/// threads: implementations must return quickly and never block (queue the event if work is needed).
/// </summary>
public interface IBuildObserver
{
    void OnEvent(BuildEvent buildEvent);
}
