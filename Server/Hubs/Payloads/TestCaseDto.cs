namespace ContainerCd.Server.Hubs;

/// <summary>A test case of a <see cref="TestReportDto"/>: Message is Jenkins' errorDetails, StackTrace its errorStackTrace.</summary>
public sealed record TestCaseDto(
    string Suite,
    string ClassName,
    string Name,
    string Status,
    long DurationMillis,
    string? Message,
    string? StackTrace = null,
    string? Stdout = null,
    string? Stderr = null,
    int FlakyFailures = 0);
