using System.Globalization;
using System.Text.Json.Nodes;

namespace ContainerCd.Runtime.Publishing;

/// <summary>
/// Fingerprints on disk, as Jenkins keeps them (JENKINS_HOME/fingerprints/ab/cd/MD5): HOME/fingerprints/ab/cd/MD5.json
/// holds the file's name, when it was first seen, the build that produced it (<c>original</c>) and every build that
/// recorded it (<c>usage</c>, job → build numbers). Builds of any process on the home update a file under its lock.
/// </summary>
public static class FingerprintStore
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>The file of an MD5 (32 hex digits, lower case), or null for anything else.</summary>
    public static string? PathOf(string home, string md5) =>
        md5.Length == 32 && md5.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Path.GetFullPath(home), "fingerprints", md5[..2], md5[2..4], md5 + ".json")
            : null;

    /// <summary>Records that build <paramref name="number"/> of <paramref name="job"/> produced or used the file.</summary>
    public static async Task RecordAsync(string home, string job, int number, FileFingerprint file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = PathOf(home, file.Md5) ?? throw new ArgumentException($"'{file.Md5}' is not an MD5", nameof(file));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var held = await LockAsync(path + ".lock", cancellationToken).ConfigureAwait(false);
        var record = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))!.AsObject() : new JsonObject
        {
            ["hash"] = file.Md5,
            ["fileName"] = file.FileName,
            ["timestamp"] = now.ToUnixTimeMilliseconds(),
            ["original"] = null,
            ["usage"] = new JsonObject(),
        };
        if (file.Produced && record["original"] is null)
        {
            record["original"] = new JsonObject { ["name"] = job, ["number"] = number };
        }

        var usage = record["usage"]!.AsObject();
        var builds = usage[job]?.AsArray().Select(n => n!.GetValue<int>()).ToHashSet() ?? [];
        builds.Add(number);
        usage[job] = new JsonArray([.. builds.Order().Select(n => (JsonNode?)n)]);
        var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        await File.WriteAllTextAsync(temporary, record.ToJsonString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record of an MD5 in Jenkins' api/json shape (<c>hudson.model.Fingerprint</c>), or null when none was recorded.</summary>
    public static JsonObject? Read(string home, string md5)
    {
        if (PathOf(home, md5) is not { } path || !File.Exists(path))
        {
            return null;
        }

        var record = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var usage = new JsonArray();
        foreach (var (job, numbers) in record["usage"]!.AsObject().OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            usage.Add(new JsonObject { ["name"] = job, ["ranges"] = new JsonObject { ["ranges"] = Ranges(numbers!.AsArray().Select(n => n!.GetValue<int>())) } });
        }

        return new JsonObject
        {
            ["_class"] = "hudson.model.Fingerprint",
            ["fileName"] = record["fileName"]?.GetValue<string>(),
            ["hash"] = md5,
            ["original"] = record["original"]?.DeepClone(),
            ["timestamp"] = record["timestamp"]?.GetValue<long>(),
            ["usage"] = usage,
        };
    }

    /// <summary>Build numbers as Jenkins' RangeSet: runs of consecutive numbers, each [start, end).</summary>
    private static JsonArray Ranges(IEnumerable<int> numbers)
    {
        var ranges = new JsonArray();
        int? start = null;
        var end = 0;
        foreach (var number in numbers.Order())
        {
            if (start is not null && number == end)
            {
                end++;
                continue;
            }

            if (start is { } s)
            {
                ranges.Add(new JsonObject { ["end"] = end, ["start"] = s });
            }

            start = number;
            end = number + 1;
        }

        if (start is { } last)
        {
            ranges.Add(new JsonObject { ["end"] = end, ["start"] = last });
        }

        return ranges;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(LockWait);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(20, deadline.Token).ConfigureAwait(false);
            }
        }
    }
}
