namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A map entry as <c>map.each { entry -> }</c> sees it: <c>key</c>, <c>value</c>, printed <c>key=value</c>.</summary>
public sealed record MapEntryValue(object? Key, object? Value);
