using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ContainerCd.Server.Tests.Support;

/// <summary>Build scripts shared by the tests.</summary>
internal static class Scripts
{
    /// <summary>Build, then Test with two parallel branches, then a failing Deploy, then a skipped stage; <paramref name="lineDelay"/> ms between lines.</summary>
    public static Func<ScriptedBuild, Task> Pipeline(int lineDelay = 0, string? extraLine = null) => async b =>
    {
        await b.StageAsync("Build", async id =>
        {
            for (var i = 1; i <= 5; i++)
            {
                b.Log(id, $"+ make step {i} \u001b[32mok\u001b[0m — ünïcødé ✓\n");
                await PauseAsync(b, lineDelay);
            }

            if (extraLine is not null)
            {
                b.Log(id, extraLine + "\n");
            }
        });
        await b.StageAsync("Test", id => b.ParallelAsync(id, ["Test"],
            ("unit", async branch =>
            {
                for (var i = 0; i < 3; i++)
                {
                    b.Log(branch, $"unit test {i} passed\n");
                    await PauseAsync(b, lineDelay);
                }
            }),
            ("integration", async branch =>
            {
                for (var i = 0; i < 3; i++)
                {
                    b.Log(branch, $"integration test {i} passed\n");
                    await PauseAsync(b, lineDelay);
                }
            })));
        await b.StageAsync("Deploy", async id =>
        {
            b.Log(id, "+ ./deploy.sh\n");
            await PauseAsync(b, lineDelay);
            throw new InvalidOperationException("script returned exit code 1");
        });
        b.Skip("Publish", "earlier failure");
    };

    /// <summary>One stage writing <paramref name="lines"/> lines as fast as it can.</summary>
    public static Func<ScriptedBuild, Task> Chatty(int lines, int lineLength = 100) => b => b.StageAsync("Chatty", id =>
    {
        var filler = new string('x', Math.Max(0, lineLength - 20));
        for (var i = 0; i < lines; i++)
        {
            b.Log(id, $"{i:D10} {filler}\n");
        }

        return Task.CompletedTask;
    });

    /// <summary>
    /// A log whose blocks (the viewer loads it in 256 KiB byte ranges) have very different line lengths, so the
    /// heights the viewer estimates for blocks it has not loaded are far off: <paramref name="shortLines"/> lines
    /// of 15 bytes (<c>short 00000042</c>), <paramref name="longLines"/> of 2-30 KB (<c>long 0042 yyy…</c>), a line
    /// that ends just past a block boundary, then <see cref="TailLines"/> lines of 100 bytes (<c>tail 07 ttt…</c>)
    /// that are, with the closing lines, the last block on their own.
    /// </summary>
    public static Func<ScriptedBuild, Task> UnevenBlocks(int shortLines, int longLines) => b => b.StageAsync("Uneven", id =>
    {
        const int block = 256 * 1024;
        var text = new StringBuilder();
        for (var i = 0; i < shortLines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"short {i:D8}\n");
            if (text.Length >= 64 * 1024 || i == shortLines - 1)
            {
                b.Log(id, text.ToString());
                text.Clear();
            }
        }

        for (var i = 0; i < longLines; i++)
        {
            b.Log(id, $"long {i:D4} {new string('y', 2_000 + (i * 7_919 % 28_000))}\n");
        }

        var toBoundary = block - (int)(b.LogSize % block);
        b.Log(id, $"pad {new string('p', toBoundary + 50)}\n");
        for (var i = 0; i < TailLines; i++)
        {
            b.Log(id, $"tail {i:D2} {new string('t', 92)}\n");
        }

        return Task.CompletedTask;
    });

    public const int TailLines = 30;

    /// <summary>Waits until <paramref name="release"/> completes, writing a line every 20 ms meanwhile.</summary>
    public static Func<ScriptedBuild, Task> UntilReleased(Task release) => b => b.StageAsync("Wait", async id =>
    {
        var i = 0;
        while (!release.IsCompleted)
        {
            b.Log(id, $"waiting {i++}\n");
#pragma warning disable VSTHRD003 // The test's own release signal.
            await Task.WhenAny(release, Task.Delay(20, b.CancellationToken));
#pragma warning restore VSTHRD003
            b.CancellationToken.ThrowIfCancellationRequested();
        }
    });

    /// <summary>Writes 20 lines every millisecond or so until <paramref name="release"/> completes.</summary>
    public static Func<ScriptedBuild, Task> BurstsUntilReleased(Task release) => b => b.StageAsync("Bursts", async id =>
    {
        for (var i = 0; !release.IsCompleted; i++)
        {
            b.Log(id, $"burst line {i:D8}\n");
            if (i % 20 == 0)
            {
                await b.DelayAsync(1);
            }
        }
    });

    private static Task PauseAsync(ScriptedBuild b, int milliseconds) => milliseconds > 0 ? b.DelayAsync(milliseconds) : Task.CompletedTask;

    internal static readonly ImmutableArray<string> Nothing = [];
}
