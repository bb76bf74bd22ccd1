namespace ContainerCd.Parser.Declarative;

/// <summary>What a list of describable calls holds: it decides the wording of structural errors.</summary>
internal enum InvocationKind
{
    Option,
    Parameter,
    Trigger,
}
