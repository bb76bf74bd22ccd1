namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>A compact way to write the catalogs: <c>Strict("echo", Req("message", String))</c>.</summary>
internal static class Describables
{
    public static DescribableInfo Strict(string name, params ParameterInfo[] parameters) =>
        new(name, [.. parameters.OrderBy(p => p.Name, StringComparer.Ordinal)], IsStrict: true);

    public static DescribableInfo Block(string name, params ParameterInfo[] parameters) =>
        Strict(name, parameters) with { TakesBlock = true };

    public static DescribableInfo Loose(string name) => new(name, [], IsStrict: false);

    public static DescribableInfo LooseBlock(string name) => Loose(name) with { TakesBlock = true };

    public static ParameterInfo Req(string name, ParameterType type = ParameterType.Text) => new(name, type, true);

    public static ParameterInfo Opt(string name, ParameterType type = ParameterType.Text) => new(name, type, false);

    public static IReadOnlyDictionary<string, DescribableInfo> ToCatalog(IEnumerable<DescribableInfo> items) =>
        items.ToDictionary(i => i.Name, StringComparer.Ordinal);
}
