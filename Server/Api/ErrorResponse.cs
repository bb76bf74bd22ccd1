namespace ContainerCd.Server.Api;

/// <summary>The body of a refused request (4xx): what was wrong, in a sentence.</summary>
internal sealed record ErrorResponse(string Error);
