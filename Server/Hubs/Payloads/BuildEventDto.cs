namespace ContainerCd.Server.Hubs;

// The hub's payloads (JSON, camelCase on the wire): every event carries its build and sequence number;
// times are ISO 8601 and durations milliseconds; results use Jenkins' names (SUCCESS, FAILURE...).
/// <summary>Base of the payloads: the build and the sequence number of the event.</summary>
public abstract record BuildEventDto(string BuildId, long Sequence, DateTimeOffset Timestamp)
{
    /// <summary>The highest sequence number this message covers (a coalesced <see cref="LogDto"/> covers several).</summary>
    internal long Through => this is LogDto log ? log.LastSequence : Sequence;

    /// <summary>The <see cref="IBuildClient"/> method that sends this payload: "StageStarted", "Log"...</summary>
    internal string MethodName => GetType().Name[..^3];
}
