namespace ContainerCd.Server.Api;

/// <summary>
/// <c>GET /api/jobs/J/builds/N/coverage</c> (and a build's <c>coverage</c>): line and branch over every tool, the build
/// compared with (<c>reference</c>, null when none), the last coverage event included, each tool's coverage and the
/// reference build's. See <see cref="CoverageApi.View"/>.
/// </summary>
internal sealed record BuildCoverageView(
    CoverageRatio Line, CoverageRatio Branch, int? Reference, long Sequence, IReadOnlyList<ToolCoverageView> Tools, IReadOnlyList<ReferenceToolCoverageView> ReferenceTools);

/// <summary>Covered of total, and the percent (two decimals; null with no total).</summary>
internal sealed record CoverageRatio(long Covered, long Total, double? Percent)
{
    public static CoverageRatio Of(long covered, long total) => new(covered, total, total == 0 ? null : Math.Round(100.0 * covered / total, 2));
}

/// <summary>A step and tool's coverage, and its change in percentage points against the reference build (null when none).</summary>
internal sealed record ToolCoverageView(string Recorder, string Tool, CoverageRatio Line, CoverageRatio Branch, double? LineDelta, double? BranchDelta);

/// <summary>A step and tool's coverage in the reference build.</summary>
internal sealed record ReferenceToolCoverageView(string Recorder, string Tool, CoverageRatio Line, CoverageRatio Branch);

/// <summary>A build's point of <c>GET /api/jobs/J/coverage/trend</c>.</summary>
internal sealed record CoverageTrendPoint(int Number, CoverageRatio Line, CoverageRatio Branch);
