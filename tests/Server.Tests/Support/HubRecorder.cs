using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ContainerCd.Server.Tests.Support;

/// <summary>Records every message a hub connection receives, as raw JSON by method name, in arrival order.</summary>
internal sealed class HubRecorder
{
    private static readonly string[] Methods =
        ["BuildStarted", "StageStarted", "StageFinished", "StepStarted", "StepFinished", "Log", "TestReport", "CoverageReport", "InputRequested", "InputAnswered", "BuildFinished", "Resync"];

    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubRecorder(HubConnection connection, Func<string, JsonElement, Task>? onMessage = null)
    {
        foreach (var method in Methods)
        {
            connection.On<JsonElement>(method, async message =>
            {
                Messages.Enqueue((method, message));
                if (onMessage is not null)
                {
                    await onMessage(method, message);
                }

                if (method is "BuildFinished" or "Resync")
                {
                    _finished.TrySetResult();
                }
            });
        }
    }

    public ConcurrentQueue<(string Method, JsonElement Message)> Messages { get; } = new();

    public Task Finished => _finished.Task;

    public string LogText()
    {
        var text = new StringBuilder();
        foreach (var (method, message) in Messages)
        {
            if (method == "Log")
            {
                text.Append(message.GetProperty("text").GetString());
            }
        }

        return text.ToString();
    }

    /// <summary>The sequence numbers covered by the messages, in order (a Log covers sequence..lastSequence).</summary>
    public List<long> Sequences()
    {
        var sequences = new List<long>();
        foreach (var (method, message) in Messages)
        {
            if (method == "Resync")
            {
                continue;
            }

            var first = message.GetProperty("sequence").GetInt64();
            var last = method == "Log" ? message.GetProperty("lastSequence").GetInt64() : first;
            for (var s = first; s <= last; s++)
            {
                sequences.Add(s);
            }
        }

        return sequences;
    }
}
