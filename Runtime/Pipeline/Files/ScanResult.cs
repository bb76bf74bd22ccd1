using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>A selected file: its path relative to the scanned directory ('/'-separated) and the real file to read.</summary>
public sealed record MatchedFile(string Path, string FullPath);

/// <summary>The files a scan selected, in ordinal order of their paths, and the links it skipped, with why.</summary>
public sealed record ScanResult(ImmutableArray<MatchedFile> Files, ImmutableArray<string> Warnings);
