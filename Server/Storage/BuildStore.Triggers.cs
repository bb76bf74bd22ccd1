using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ContainerCd.Runtime.Pipeline.Triggers;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Server.Storage;

// The triggers each job's last build registered (table job_triggers), so that a restarted server keeps scheduling them.
internal sealed partial class BuildStore
{
    public void SaveTriggers(string job, ImmutableArray<JobTrigger> triggers)
    {
        if (triggers.IsEmpty)
        {
            Write("DELETE FROM job_triggers WHERE job = $job", ("$job", job));
            return;
        }

        Write(
            "INSERT INTO job_triggers (job, triggers) VALUES ($job, $triggers) ON CONFLICT(job) DO UPDATE SET triggers = $triggers",
            ("$job", job),
            ("$triggers", new JsonArray([.. triggers.Select(ToJson)]).ToJsonString()));
    }

    public IReadOnlyDictionary<string, ImmutableArray<JobTrigger>> LoadTriggers()
    {
        var triggers = new Dictionary<string, ImmutableArray<JobTrigger>>(StringComparer.Ordinal);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT job, triggers FROM job_triggers";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var array = JsonNode.Parse(reader.GetString(1))?.AsArray() ?? [];
            triggers[reader.GetString(0)] = [.. array.Select(FromJson).OfType<JobTrigger>()];
        }

        return triggers;
    }

    private static JsonNode ToJson(JobTrigger trigger) => trigger switch
    {
        CronTrigger cron => new JsonObject { ["kind"] = "cron", ["spec"] = cron.Spec },
        PollScmTrigger poll => new JsonObject { ["kind"] = "pollSCM", ["spec"] = poll.Spec, ["ignorePostCommitHooks"] = poll.IgnorePostCommitHooks },
        UpstreamTrigger upstream => new JsonObject
        {
            ["kind"] = "upstream",
            ["projects"] = new JsonArray([.. upstream.Projects.Select(p => (JsonNode)p)]),
            ["threshold"] = upstream.Threshold.ToJenkinsName(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "unknown trigger"),
    };

    private static JobTrigger? FromJson(JsonNode? node) => node?["kind"]?.GetValue<string>() switch
    {
        "cron" => new CronTrigger(node["spec"]!.GetValue<string>()),
        "pollSCM" => new PollScmTrigger(node["spec"]!.GetValue<string>(), node["ignorePostCommitHooks"]?.GetValue<bool>() ?? false),
        "upstream" => new UpstreamTrigger(
            [.. node["projects"]!.AsArray().Select(p => p!.GetValue<string>())],
            BuildResultExtensions.TryParseJenkinsName(node["threshold"]?.GetValue<string>(), out var threshold) ? threshold : BuildResult.Success),
        _ => null,
    };
}
