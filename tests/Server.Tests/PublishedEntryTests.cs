using System.Diagnostics;
using System.Text;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The folder a user gets from the README's plain <c>dotnet publish Server -c Release</c>: its <c>containercd</c> lints as
/// native code (no .NET runtime starts, so it starts as fast as a hello world: BENCHMARKS.md) and becomes
/// <c>containercd-server</c> for every other command.
/// </summary>
public sealed class PublishedEntryTests(PublishedFolder published) : IClassFixture<PublishedFolder>
{
    private const string ValidPipeline = """
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                echo 'hello'
              }
            }
          }
        }
        """;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly string[] Commands = ["run", "lint", "serve", "images"];

    /// <summary>What a .NET process on the JIT maps: the host, its policy, the runtime and the JIT.</summary>
    private static readonly string[] RuntimeLibraries = ["libhostfxr.so", "libhostpolicy.so", "libcoreclr.so", "libclrjit.so"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lint_FromThePlainPublish_RunsWithoutStartingTheDotnetRuntime()
    {
        // Given a Jenkinsfile that arrives through a named pipe, so that the lint process can be looked at while it reads it
        var folder = NewFolder();
        var jenkinsfile = Path.Combine(folder, "Jenkinsfile");
        var mkfifo = await ChildProcess.RunAsync("mkfifo", [jenkinsfile], folder, Limit);
        Assert.Equal(0, mkfifo.ExitCode);
        using var lint = Start(published.Entry, ["lint", jenkinsfile], folder);

        // When it has opened the file (opening the pipe's writing end returns once the reading end is open)
        var opening = Task.Run(() => new FileStream(jenkinsfile, FileMode.Open, FileAccess.Write), Token);
        if (await Task.WhenAny(opening, lint.WaitForExitAsync(Token)) != opening)
        {
            await using var release = new FileStream(jenkinsfile, FileMode.Open, FileAccess.Read);
            Assert.Fail("lint ended before it opened the file: " + await lint.StandardError.ReadToEndAsync(Token));
        }

        string maps;
        await using (var writer = await opening)
        {
            maps = await File.ReadAllTextAsync($"/proc/{lint.Id}/maps", Token);
            await writer.WriteAsync(Encoding.UTF8.GetBytes(ValidPipeline), Token);
        }

        // Then no .NET host, runtime or JIT is in the process: the lint is native code
        var runtime = RuntimeLibraries.Where(maps.Contains).ToList();
        Assert.True(runtime.Count == 0, $"containercd lint loaded {string.Join(", ", runtime)}: the entry is not native code. dotnet publish said:\n{published.PublishOutput}");
        var result = await ChildProcess.WaitAsync(lint, Limit);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 file checked, 0 files with errors: 0 errors, 0 warnings\n", result.Output);
    }

    [Fact]
    public async Task Run_FromThePlainPublish_TheEntryBecomesTheServer_SamePid()
    {
        // Given a pipeline whose step prints the executable of each process above it
        var folder = NewFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "Jenkinsfile"), """
            pipeline {
              agent any
              stages {
                stage('Ancestors') {
                  steps {
                    sh 'p=$$; while [ "$p" -gt 1 ]; do echo "above $p $(readlink /proc/$p/exe)"; p=$(sed -n "s/^PPid:[[:space:]]*//p" /proc/$p/status); done'
                  }
                }
              }
            }
            """, Token);

        // When the published containercd runs it
        using var run = Start(published.Entry, ["run", "--home", Path.Combine(folder, "home")], folder);
        var result = await ChildProcess.WaitAsync(run, Limit);

        // Then the server ran the build in the process that was started (so signals and kill -9 reach the server itself)
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("Finished: SUCCESS\n", result.Output, StringComparison.Ordinal);
        var started = result.Output.Split('\n').SingleOrDefault(l => l.StartsWith($"above {run.Id} ", StringComparison.Ordinal));
        Assert.True(started is not null, "the started process is not above the step:\n" + result.Output);
        Assert.EndsWith("/containercd-server", started, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_FromThePlainPublish_ListsEveryCommandUnderTheNameUsersType()
    {
        // When the published containercd is asked for help, and lint for its own
        var help = await ChildProcess.RunAsync(published.Entry, ["--help"], published.Directory, Limit);
        var lintHelp = await ChildProcess.RunAsync(published.Entry, ["lint", "--help"], published.Directory, Limit);

        // Then both speak of containercd, and every command is listed
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("  containercd [command] [options]\n", help.Output, StringComparison.Ordinal);
        foreach (var command in Commands)
        {
            Assert.Contains($"\n  {command} ", help.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, lintHelp.ExitCode);
        Assert.Contains("  containercd lint <FILE>... [options]\n", lintHelp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EntryCopiedWithoutTheServer_SaysWhatIsMissing_AndLintStillWorks()
    {
        // Given the published containercd copied alone into a folder, with a Jenkinsfile
        var folder = NewFolder();
        var entry = Path.Combine(folder, "containercd");
        File.Copy(published.Entry, entry);
        await File.WriteAllTextAsync(Path.Combine(folder, "Jenkinsfile"), ValidPipeline, Token);

        // When it is asked to run the pipeline, and to lint it
        var run = await ChildProcess.RunAsync(entry, ["run"], folder, Limit);
        var lint = await ChildProcess.RunAsync(entry, ["lint", "Jenkinsfile"], folder, Limit);

        // Then run fails saying which file is missing where, and lint works without it
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"containercd: 'containercd run' needs containercd-server, which is not next to this executable ({Path.Combine(folder, "containercd-server")}); " +
            "only 'containercd lint' works without it. Install the whole published folder (dotnet publish Server -c Release).\n",
            run.Error);
        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("1 file checked, 0 files with errors: 0 errors, 0 warnings\n", lint.Output);
    }

    private static Process Start(string file, IEnumerable<string> arguments, string folder) =>
        Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "containercd-entry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
