namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>An option: its describable, its kind, and whether a stage may use it.</summary>
public sealed record OptionInfo(DescribableInfo Describable, OptionKind Kind, bool AllowedInStage);
