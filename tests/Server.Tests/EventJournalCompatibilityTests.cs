using System.Buffers;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Journals already on users' disks keep reading: <c>Golden/Journal/events.jsonl</c> (with its <c>log</c>) was written by
/// a real build (<see cref="ApiGoldenTests"/>) before the journal had records of its own; read back, it gives the hub
/// payloads of <c>events.expected.json</c>, and written again it is the same bytes.
/// </summary>
public sealed class EventJournalCompatibilityTests
{
    private static readonly JsonSerializerOptions HubJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string Folder => GoldenFiles.Folder("Journal");

    [Fact]
    public void Read_AJournalWrittenBefore_GivesTheSamePayloads()
    {
        // Given the journal and log of a finished build, as an earlier version wrote them
        var journal = Path.Combine(Folder, "events.jsonl");
        var log = Path.Combine(Folder, "log");

        // When it is read back
        var events = EventJournal.Read(journal, log, "golden/1", 1).ToList();

        // Then the hub payloads are the ones it gave then, every type of them
        var json = string.Join("\n", events.Select(e => $"{HubName(e)} {JsonSerializer.Serialize(e, e.GetType(), HubJson)}")) + "\n";
        var expected = Path.Combine(Folder, "events.expected.txt");
        if (GoldenFiles.Updating)
        {
            File.WriteAllText(expected, json);
        }

        Assert.Equal(File.ReadAllText(expected), json);
        Assert.Equal(
            ["BuildFinished", "BuildStarted", "CoverageReport", "Deployment", "InputAnswered", "InputRequested", "Log", "StageFinished", "StageStarted", "StepFinished", "StepStarted", "TestReport"],
            events.Select(HubName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteLine_TheEventsReadBack_WritesTheSameBytes()
    {
        // Given the events of a journal written before
        var journal = Path.Combine(Folder, "events.jsonl");
        var events = EventJournal.Read(journal, Path.Combine(Folder, "log"), "golden/1", 1).ToList();

        // When they are written again
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            EventJournal.WriteLine(output, e);
        }

        // Then the journal is unchanged: a journal written now reads in the version before too
        Assert.Equal(File.ReadAllText(journal), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    /// <summary>The hub method that sends a payload: its type's name without "Dto".</summary>
    private static string HubName(object payload) => payload.GetType().Name[..^3];
}
