namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// "No such member": returned by property and method lookups that did not find anything, so that
/// callers can try the next place (owner, delegate, script, globals) before reporting the error.
/// Never visible to scripts.
/// </summary>
public sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }

    public override string ToString() => "<undefined>";
}
