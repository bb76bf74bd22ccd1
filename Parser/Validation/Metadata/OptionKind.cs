namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>The three kinds of options Declarative accepts (Jenkins' model/Options.groovy).</summary>
public enum OptionKind
{
    /// <summary>A job property, such as <c>buildDiscarder</c>: pipeline level only.</summary>
    JobProperty,

    /// <summary>A Declarative option, such as <c>skipDefaultCheckout</c>.</summary>
    DeclarativeOption,

    /// <summary>A block step that needs no node, used as a wrapper: <c>timeout</c>, <c>retry</c>, <c>timestamps</c>.</summary>
    Wrapper,
}
