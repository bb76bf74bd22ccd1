using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerCd.Conformance.Tests;

/// <summary>One case of ../shared/conformance/pmd/cases.json (see that folder's README for each field).</summary>
public sealed record ConformanceCase
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("file")] public required string File { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("definition")] public string? Definition { get; init; }
    [JsonPropertyName("logContains")] public string[] LogContains { get; init; } = [];
    [JsonPropertyName("logNotContains")] public string[] LogNotContains { get; init; } = [];
    [JsonPropertyName("logContainsInOrder")] public string[] LogContainsInOrder { get; init; } = [];
    [JsonPropertyName("logMatches")] public string[] LogMatches { get; init; } = [];
    [JsonPropertyName("errorContains")] public string[] ErrorContains { get; init; } = [];
    [JsonPropertyName("needs")] public string[] Needs { get; init; } = [];
    [JsonPropertyName("job")] public string? Job { get; init; }
    [JsonPropertyName("build")] public int? Build { get; init; }
    [JsonPropertyName("hasFailureCause")] public bool? HasFailureCause { get; init; }
    [JsonPropertyName("setup")] public JsonElement? Setup { get; init; }
    [JsonPropertyName("archives")] public JsonElement? Archives { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("javaTest")] public string? JavaTest { get; init; }

    public bool IsCompileError => Kind == "error" && Phase == "compile";

    public bool IsRun => Kind == "run";

    public override string ToString() => Id;
}
