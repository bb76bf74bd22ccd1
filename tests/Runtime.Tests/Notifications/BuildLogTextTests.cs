using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>The log so far that emailext's attachLog attaches: masked, and only its end once it grows past the limit, saying so.</summary>
public sealed class BuildLogTextTests
{
    [Fact]
    public void LogText_IsTheMaskedLogSoFar()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2");
        using var sink = new BuildEventSink("b", new RecordingObserver(), masker, TimeProvider.System);

        sink.Log("one hunter2\n", null, null);
        sink.Log("two\n", null, null);

        Assert.Equal("one ****\ntwo\n", sink.LogText());
    }

    [Fact]
    public void LogText_PastTheLimit_KeepsTheEnd_AndSaysHowMuchIsLeftOut()
    {
        using var sink = new BuildEventSink("b", new RecordingObserver(), new SecretMasker(), TimeProvider.System) { LogTextLimit = 10 };

        for (var line = 0; line < 10; line++)
        {
            sink.Log($"line {line}\n", null, null);
        }

        Assert.Equal("[... the first 60 bytes of the log are left out: containercd attaches its last 10]\n 8\nline 9\n", sink.LogText());
    }

    [Fact]
    public void LogText_PastTheLimit_NeverCutsACharacterInTwo()
    {
        using var sink = new BuildEventSink("b", new RecordingObserver(), new SecretMasker(), TimeProvider.System) { LogTextLimit = 4 };

        sink.Log("aaaa\u00e9\u00e9\n", null, null);

        Assert.Equal("[... the first 6 bytes of the log are left out: containercd attaches its last 4]\n\u00e9\n", sink.LogText());
    }

    [Fact]
    public void LogText_OfAnEmptyLog_IsEmpty()
    {
        using var sink = new BuildEventSink("b", new RecordingObserver(), new SecretMasker(), TimeProvider.System);

        Assert.Equal(string.Empty, sink.LogText());
    }
}
