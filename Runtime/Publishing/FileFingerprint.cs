namespace ContainerCd.Runtime.Publishing;

/// <summary>
/// A file's MD5 as Jenkins' fingerprints record it: its name (without its path, as <c>Fingerprint.getFileName</c>),
/// and whether this build produced it (written after the build started) or only used it.
/// </summary>
public sealed record FileFingerprint(string FileName, string Md5, bool Produced);
