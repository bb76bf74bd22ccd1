using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Conformance.Tests.RunCases;

/// <summary>
/// Translates a run case's <c>setup</c> into what a ContainerCd user would give: config agents (this host,
/// with the node's env), credentials, tool installations (stub homes whose bin prints the version, since
/// no tool can be downloaded here), libraries (folders), input answers, parameters, the build cause,
/// multibranch variables, and, for <c>definition: scm</c>, a git repository holding the Jenkinsfile.
/// </summary>
internal sealed class RunCaseSetup
{
    private readonly ConformanceCase _case;
    private readonly JsonElement _setup;
    private readonly string _work;

    public RunCaseSetup(ConformanceCase testCase, string work)
    {
        _case = testCase;
        _setup = testCase.Setup ?? default;
        _work = work;
    }

    private bool Has(string key) => _setup.ValueKind == JsonValueKind.Object && _setup.TryGetProperty(key, out _);

    private JsonElement Get(string key) => _setup.GetProperty(key);

    public RuntimeConfig Config()
    {
        var config = RuntimeConfig.Empty with { NoopSteps = ["publishHTML", "rateLimitBuilds"] };
        if (Has("agents"))
        {
            var index = 0;
            config = config with
            {
                Agents = [.. Get("agents").EnumerateArray().Select(agent => new AgentDefinition(
                    "agent" + index++,
                    [.. (agent.GetProperty("labels").GetString() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                    null,
                    agent.TryGetProperty("env", out var env) ? env.EnumerateObject().ToImmutableDictionary(p => p.Name, p => Text(p.Value)) : ImmutableDictionary<string, string>.Empty))],
            };
        }

        if (Has("credentials"))
        {
            config = config with { Credentials = [.. Get("credentials").EnumerateArray().Select(Credential)] };
        }

        if (Has("tools"))
        {
            config = config with { Tools = [.. Get("tools").EnumerateArray().Select(Tool)] };
        }

        if (Has("libraries"))
        {
            config = config with { Libraries = [.. Get("libraries").EnumerateArray().Select(Library)] };
        }

        return config;
    }

    public ImmutableDictionary<string, string> Parameters() =>
        Has("parameters") ? Get("parameters").EnumerateObject().ToImmutableDictionary(p => p.Name, p => Text(p.Value)) : ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Environment() =>
        Has("multibranch") ? Get("multibranch").EnumerateObject().ToImmutableDictionary(p => p.Name, p => Text(p.Value)) : ImmutableDictionary<string, string>.Empty;

    public BuildCause Cause()
    {
        if (!Has("cause"))
        {
            return BuildCause.User("anonymous");
        }

        var cause = Get("cause");
        var type = cause.GetProperty("type").GetString() ?? "UserIdCause";
        var detail = cause.TryGetProperty("userId", out var user) ? user.GetString() : cause.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return type switch
        {
            "UserIdCause" => BuildCause.User(detail ?? "anonymous"),
            "TimerTriggerCause" => BuildCause.Timer(),
            "SCMTriggerCause" => BuildCause.Scm(),
            _ => new BuildCause("hudson.model.Cause$" + type, "Started by " + type),
        };
    }

    public IInputHandler Inputs()
    {
        if (!Has("input"))
        {
            return InputHandlers.AbortAll;
        }

        var answers = Get("input").EnumerateArray().Select(answer => new InputResponse(
            answer.GetProperty("action").GetString() == "proceed",
            answer.TryGetProperty("user", out var user) ? user.GetString() : null,
            answer.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateObject().ToImmutableDictionary(p => p.Name, p => Text(p.Value))
                : ImmutableDictionary<string, string>.Empty)).ToList();
        return InputHandlers.Scripted(answers);
    }

    public string? RestartStage => Has("restart") ? Get("restart").GetProperty("stage").GetString() : null;

    public int? RestartFromBuild => Has("restart") ? Get("restart").GetProperty("fromBuild").GetInt32() : null;

    /// <summary>For <c>definition: scm</c>: a git repository (branch master) with the Jenkinsfile, the setup's files and commits.</summary>
    public string? Repository(string jenkinsfile, string repository)
    {
        if (_case.Definition != "scm")
        {
            return null;
        }

        var fresh = !Directory.Exists(Path.Combine(repository, ".git"));
        if (fresh)
        {
            Directory.CreateDirectory(repository);
            Git(repository, "init", "-q", "-b", "master");
            File.WriteAllText(Path.Combine(repository, "Jenkinsfile"), jenkinsfile);
            if (Has("files"))
            {
                foreach (var file in Get("files").EnumerateObject())
                {
                    Write(repository, file.Name, file.Value);
                }
            }

            Git(repository, "add", "-A");
            Git(repository, "commit", "-q", "-m", "init");
        }

        if (Has("commitsBefore"))
        {
            foreach (var commit in Get("commitsBefore").EnumerateArray())
            {
                foreach (var file in commit.GetProperty("files").EnumerateObject())
                {
                    Write(repository, file.Name, file.Value);
                }

                Git(repository, "add", "-A");
                Git(repository, "commit", "-q", "--allow-empty", "-m", commit.GetProperty("message").GetString() ?? "commit");
            }
        }

        return repository;
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
    }

    private static void Write(string root, string relative, JsonElement value)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Content(value));
    }

    private static string Content(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        if (value.TryGetProperty("corpusFile", out var corpus))
        {
            return File.ReadAllText(Path.Combine(Corpus.Directory, corpus.GetString()!));
        }

        if (value.TryGetProperty("supportFile", out var support))
        {
            return File.ReadAllText(Path.Combine(Corpus.Directory, support.GetString()!));
        }

        return value.ToString();
    }

    private static CredentialDefinition Credential(JsonElement credential)
    {
        string? Field(string name) => credential.TryGetProperty(name, out var value) ? Text(value) : null;
        var type = Field("type") ?? "string";
        return new CredentialDefinition(Field("id")!, type switch
        {
            "secretText" => "string",
            "fileCredentials" or "secretFile" => "file",
            _ => type,
        })
        {
            Secret = Field("secret"),
            Username = Field("username"),
            Password = Field("password"),
            FileName = Field("fileName") ?? Field("filename"),
            Content = Field("content") ?? Field("fileContent"),
            PrivateKey = Field("privateKey"),
            Passphrase = Field("passphrase"),
        };
    }

    private ToolDefinition Tool(JsonElement tool)
    {
        var type = tool.GetProperty("type").GetString()!;
        var name = tool.GetProperty("name").GetString()!;
        var version = tool.TryGetProperty("version", out var v) ? v.GetString() ?? string.Empty : string.Empty;
        var home = Path.Combine(_work, "tools", type, name);
        var bin = Path.Combine(home, "bin");
        Directory.CreateDirectory(bin);
        var (command, banner) = type switch
        {
            "maven" => ("mvn", $"Apache Maven {version} (stub installation)"),
            "ant" => ("ant", "Apache Ant(TM) version 1.10 (stub installation)"),
            _ => (type, $"{type} {version}"),
        };
        var script = Path.Combine(bin, command);
        File.WriteAllText(script, $"#!/bin/sh\necho '{banner}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new ToolDefinition(type, name, home);
    }

    private LibraryDefinition Library(JsonElement library)
    {
        var name = library.GetProperty("name").GetString()!;
        var folder = Path.Combine(_work, "libraries", name);
        foreach (var file in library.GetProperty("files").EnumerateObject())
        {
            Write(folder, file.Name, file.Value);
        }

        return new LibraryDefinition(name)
        {
            Path = folder,
            Implicit = library.TryGetProperty("implicit", out var implicitValue) && implicitValue.ValueKind == JsonValueKind.True,
            DefaultVersion = library.TryGetProperty("defaultVersion", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null,
        };
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => string.Empty,
        _ => value.ToString(),
    };
}
