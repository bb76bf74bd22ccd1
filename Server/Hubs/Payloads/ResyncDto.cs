namespace ContainerCd.Server.Hubs;

/// <summary>Sent instead of events when the client fell too far behind; not an event (no sequence of its own).</summary>
public sealed record ResyncDto(string BuildId, long FromSequence, string Reason);
