namespace ContainerCd.Server.Hubs;

public sealed record TestCaseDto(string Suite, string ClassName, string Name, string Status, long DurationMillis, string? Message);
