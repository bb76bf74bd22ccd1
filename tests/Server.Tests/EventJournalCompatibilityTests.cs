using System.Buffers;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Hubs;
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

    [Fact]
    public void Read_LinesFromBeforeRecordersAndCaseOutputsWereKept_GivesThemNullAndZero()
    {
        // Given lines of the oldest journals: a coverage report without its recorder, a test case with its message only
        var folder = Path.Combine(Path.GetTempPath(), "containercd-journal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var journal = Path.Combine(folder, "events.jsonl");
        File.WriteAllText(
            journal,
            """
            {"t":"CoverageReport","s":1,"e":{"stageId":"Unit","tool":"JaCoCo","linesCovered":6,"linesTotal":10,"branchesCovered":1,"branchesTotal":4,"buildId":"old/1","sequence":1,"timestamp":"2025-01-02T03:04:05+00:00"}}
            {"t":"TestReport","s":2,"e":{"stageId":null,"total":1,"failed":1,"skipped":0,"cases":[{"suite":"s","className":"c","name":"n","status":"FAILED","durationMillis":5,"message":"boom"}],"buildId":"old/1","sequence":2,"timestamp":"2025-01-02T03:04:06+00:00"}}
            {"t":"SomethingNewer","s":3,"e":{}}

            """);

        try
        {
            // When it is read
            var events = EventJournal.Read(journal, Path.Combine(folder, "log"), "old/1", 1).ToList();

            // Then the fields they lack are null or 0, and a type this version does not know is skipped
            Assert.Equal(2, events.Count);
            var coverage = Assert.IsType<CoverageReportDto>(events[0]);
            Assert.Equal(("JaCoCo", 6L, 10L, (string?)null), (coverage.Tool, coverage.LinesCovered, coverage.LinesTotal, coverage.Recorder));
            var testCase = Assert.Single(Assert.IsType<TestReportDto>(events[1]).Cases);
            Assert.Equal(new TestCaseDto("s", "c", "n", "FAILED", 5, "boom", null, null, null, 0), testCase);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The hub method that sends a payload: its type's name without "Dto".</summary>
    private static string HubName(object payload) => payload.GetType().Name[..^3];
}
