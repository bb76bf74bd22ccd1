namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A class used as a value: <c>e.class</c>, <c>String</c> in <c>x instanceof String</c>, <c>Integer.parseInt</c>.</summary>
public sealed record ClassValue(string Name)
{
    public string SimpleName => Name[(Name.LastIndexOf('.') + 1)..];

    public override string ToString() => "class " + Name;
}
