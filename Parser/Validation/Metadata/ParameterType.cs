namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>The Java type of a describable's parameter, as far as literal values can be checked.</summary>
public enum ParameterType
{
    /// <summary>Anything: lists, maps, nested describables, closures.</summary>
    AnyValue,
    Text,
    Whole,
    LongWhole,
    Flag,
    Fraction,
}
