namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>What <c>containercd run</c> does with a name the step catalog declares.</summary>
public enum StepSupport
{
    /// <summary>Run implements the step: the runtime binds its implementation to this entry by name.</summary>
    Runs,

    /// <summary>
    /// A describable symbol that is a value, not a step (<c>usernamePassword(...)</c> given to
    /// <c>withCredentials</c>): run builds it for the step that takes it.
    /// </summary>
    Symbol,

    /// <summary>
    /// A step Jenkins plugins provide that run does not implement: lint warns, run fails naming it,
    /// unless the config's <c>noopSteps</c> or a shared library's <c>vars/</c> provides it.
    /// </summary>
    NotSupported,
}
