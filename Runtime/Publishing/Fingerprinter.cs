using System.Security.Cryptography;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Publishing;

/// <summary>
/// Jenkins' Fingerprinter: the MD5 of each file, and whether this build produced it (the file was written since
/// the build started, as Jenkins compares the file's time with the build's), recorded in the home's fingerprints.
/// </summary>
internal static class Fingerprinter
{
    public static async Task RecordAsync(StepContext context, IReadOnlyList<MatchedFile> files)
    {
        context.Log("Recording fingerprints");
        var build = context.Build;
        foreach (var file in files)
        {
            var produced = new DateTimeOffset(File.GetLastWriteTimeUtc(file.FullPath)) >= build.StartedAt.AddSeconds(-1);
            var fingerprint = new FileFingerprint(file.Path[(file.Path.LastIndexOf('/') + 1)..], Md5(file.FullPath), produced);
            await FingerprintStore.RecordAsync(build.Request.Home, build.Job, build.Number, fingerprint, build.Time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false);
        }
    }

    public static string Md5(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
#pragma warning disable CA5351 // Jenkins identifies files by MD5: a fingerprint is a name, not a protection.
        return Convert.ToHexStringLower(MD5.HashData(stream));
#pragma warning restore CA5351
    }
}
