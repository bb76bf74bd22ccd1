namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>One parameter of a step, option, trigger, build parameter or when condition.</summary>
public sealed record ParameterInfo(string Name, ParameterType Type, bool Required)
{
    /// <summary>The type as Java's <c>Class.toString()</c> prints it, as Jenkins' messages quote it.</summary>
    public string JavaTypeName => Type switch
    {
        ParameterType.Text => "class java.lang.String",
        ParameterType.Whole => "int",
        ParameterType.LongWhole => "long",
        ParameterType.Flag => "boolean",
        ParameterType.Fraction => "double",
        _ => "class java.lang.Object",
    };
}
