using System.Collections.Immutable;

namespace ContainerCd.Runtime.Publishing;

/// <summary>
/// An HTML report publishHTML copied: its name, the name in its URL (htmlpublisher's sanitized name), its index
/// pages (relative to the report's folder, the tabs Jenkins shows), and how the job links to it.
/// </summary>
public sealed record PublishedReport(string Name, string UrlName, ImmutableArray<string> IndexFiles, bool KeepAll, bool AlwaysLinkToLastBuild);
