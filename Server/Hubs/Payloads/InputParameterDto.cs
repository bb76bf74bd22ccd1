namespace ContainerCd.Server.Hubs;

public sealed record InputParameterDto(string Name, string Type, string? DefaultValue, string? Description, IReadOnlyList<string> Choices);
