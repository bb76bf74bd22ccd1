namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// A Java array a step returns (findFiles' <c>FileWrapper[]</c>): a list to scripts (indexing, <c>each</c>,
/// <c>size()</c>, printed as <c>[a, b]</c>) whose <c>length</c> property is its size, where a list's
/// <c>length</c> would be spread over its elements.
/// </summary>
public sealed class ArrayValue : List<object?>
{
    public ArrayValue(string elementClass, IEnumerable<object?> items)
        : base(items)
    {
        ElementClass = elementClass;
    }

    /// <summary>The class of the elements (<c>java.lang.String</c>), for the array's own class name.</summary>
    public string ElementClass { get; }

    public string ClassName => "[L" + ElementClass + ";";
}
