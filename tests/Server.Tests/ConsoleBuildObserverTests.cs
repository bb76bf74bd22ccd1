using System.Text;
using ContainerCd.Runtime.Events;
using ContainerCd.Server.Cli;

namespace ContainerCd.Server.Tests;

/// <summary>The console of <c>containercd run</c> ends with the build's <c>Finished:</c> line, whoever writes it.</summary>
public sealed class ConsoleBuildObserverTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void ForcedEnd_WhileTheBuildUnwinds_IsTheLastLine()
    {
        // Given a build whose post step hangs when the second signal arrives
        using var output = new MemoryStream();
        var console = new ConsoleBuildObserver(interactive: false, output);
        console.OnEvent(new BuildStarted("app/1", 1, Now, "app", 1, "Started by user"));
        console.OnEvent(Chunk(2, "post", "post hangs\n"));

        // When the forced exit ends the log and the build, unwinding, still prints
        console.End("Finished: ABORTED");
        console.OnEvent(Chunk(3, null, "[Pipeline] // node\n"));
        console.WriteLine("Aborted by SIGINT");

        // Then nothing follows the last line
        Assert.Equal("post hangs\nFinished: ABORTED\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void ForcedEnd_AfterTheBuildFinishedItsLog_WritesNothingMore()
    {
        // Given a build that already printed its own last line
        using var output = new MemoryStream();
        var console = new ConsoleBuildObserver(interactive: false, output);
        console.OnEvent(Chunk(1, null, "Finished: ABORTED\n"));

        // When the forced exit comes just after
        console.End("Finished: ABORTED");

        // Then the line is there once
        Assert.Equal("Finished: ABORTED\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void FinishedPrintedByAStep_DoesNotEndTheLog()
    {
        // Given a step that echoes a line looking like the end of a build
        using var output = new MemoryStream();
        var console = new ConsoleBuildObserver(interactive: false, output);
        console.OnEvent(new LogChunk("app/1", 1, Now, "build", "step-1", 0, "Finished: compiling\n"));

        // When the build goes on
        console.OnEvent(Chunk(2, null, "Finished: SUCCESS\n"));

        // Then both lines are printed
        Assert.Equal("Finished: compiling\nFinished: SUCCESS\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    private static LogChunk Chunk(long sequence, string? stageId, string text) =>
        new("app/1", sequence, Now, stageId, null, 0, text);
}
