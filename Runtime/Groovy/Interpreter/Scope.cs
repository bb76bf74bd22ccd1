namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// Local variables of a block, method or closure, chained to the enclosing scope. Closures keep the
/// scope they were created in, so they see (and change) the variables around them.
/// </summary>
public sealed class Scope
{
    private Dictionary<string, object?>? _variables;

    public Scope(Scope? parent)
    {
        Parent = parent;
    }

    public Scope? Parent { get; }

    public void Declare(string name, object? value)
    {
        _variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _variables[name] = value;
    }

    public bool IsDeclaredHere(string name) => _variables?.ContainsKey(name) == true;

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables is { } variables && variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Assigns an existing variable in this scope or an enclosing one; false when none is declared.</summary>
    public bool TrySet(string name, object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables is { } variables && variables.ContainsKey(name))
            {
                variables[name] = value;
                return true;
            }
        }

        return false;
    }
}
