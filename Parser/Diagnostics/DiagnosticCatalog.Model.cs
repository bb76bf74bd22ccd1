using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>
/// JP10xx: the structure of <c>pipeline { }</c>, reported while the declarative model is built
/// (Jenkins' ModelParser). Wording from Jenkins' Messages.properties.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static Diagnostic PipelineNotAtTopLevel(SourceSpan span) =>
        Error(span, "JP1001", "pipeline block must be at the top-level, not within another block.");

    public static Diagnostic PipelineWithoutBlock(SourceSpan span) =>
        Error(span, "JP1002", "Expected a block with the \"pipeline\" step");

    public static Diagnostic InvalidSectionDefinition(SourceSpan span, string text) =>
        Error(span, "JP1003", $"Not a valid section definition: \"{text}\". Some extra configuration is required.");

    public static Diagnostic InvalidStageSectionDefinition(SourceSpan span, string text) =>
        Error(span, "JP1004", $"Not a valid stage section definition: \"{text}\". Some extra configuration is required.");

    public static Diagnostic MultipleOfSection(SourceSpan span, string name) =>
        Error(span, "JP1005", $"Multiple occurrences of the {name} section");

    public static Diagnostic UndefinedSection(SourceSpan span, string name) =>
        Error(span, "JP1006", $"Undefined section \"{name}\"");

    public static Diagnostic RemovedSection(SourceSpan span, string name) => Error(span, "JP1007", name switch
    {
        "properties" => "The ‘properties’ section has been renamed as of version 0.8. Use ‘options’ instead.",
        "wrappers" => "The ‘wrappers’ section has been removed as of version 0.8. Use ‘options’ instead.",
        "jobProperties" => "The ‘jobProperties’ section has been renamed as of version 0.7. Use ‘options’ instead.",
        "notifications" => "The ‘notifications’ section has been removed as of version 0.6. Use ‘post’ for all post-build actions.",
        _ => "The ‘postBuild’ section has been renamed as of version 0.6. Use ‘post’ for all post-build actions.",
    });

    public static Diagnostic ExpectedBlockFor(SourceSpan span, string section) =>
        Error(span, "JP1008", $"Expected a block for {section}");

    public static Diagnostic ExpectedStage(SourceSpan span) => Error(span, "JP1009", "Expected a stage");

    public static Diagnostic ExpectedStageName(SourceSpan span) =>
        Error(span, "JP1010", "Expected a stage name but didn't find any");

    public static Diagnostic StageWithoutBlock(SourceSpan span) => Error(span, "JP1011", "Stage doesn't have a block");

    public static Diagnostic UnknownStageSection(SourceSpan span, string name) =>
        Error(span, "JP1012", $"Unknown stage section \"{name}\". Starting with version 0.5, steps in a stage must be in a ‘steps’ block.");

    public static Diagnostic ExpectedStep(SourceSpan span) => Error(span, "JP1013", "Expected a step");

    public static Diagnostic ObjectMethodCall(SourceSpan span) =>
        Error(span, "JP1014", "Method calls on objects not allowed outside \"script\" blocks.");

    public static Diagnostic ExpectedStringLiteral(SourceSpan span) => Error(span, "JP1015", "Expected string literal");

    public static Diagnostic ExpectedStringLiteralButGot(SourceSpan span, string text) =>
        Error(span, "JP1016", $"Expected string literal but got {text}");

    public static Diagnostic ExpectedBoolean(SourceSpan span, string name) =>
        Error(span, "JP1017", $"Expected a boolean with {name}");

    public static Diagnostic ExpectedClosureOrFailFast(SourceSpan span) => Error(span, "JP1018", "Expected closure or failFast");

    public static Diagnostic ExpectedNameValuePairs(SourceSpan span) => Error(span, "JP1019", "Expected name=value pairs");

    public static Diagnostic DuplicateEnvironmentVariable(SourceSpan span, string name) =>
        Error(span, "JP1020", $"Duplicate environment variable name: \"{name}\"");

    public static Diagnostic InvalidEnvironmentOperation(SourceSpan span) =>
        Error(span, "JP1021", "Environment variable values can only be joined together with ‘+’s.");

    public static Diagnostic InvalidEnvironmentConcatValue(SourceSpan span) =>
        Error(span, "JP1022", "Environment variable values to be concatenated together must be single or double quoted.");

    public static Diagnostic InvalidEnvironmentValue(SourceSpan span) =>
        Error(span, "JP1023", "Environment variable values must either be single quoted, double quoted, or function calls.");

    public static Diagnostic InvalidEnvironmentIdentifier(SourceSpan span, string text) =>
        Error(span, "JP1024", $"\"{text}\" is not a valid environment expression. Use \"key = value\" pairs with valid Java/shell keys.");

    public static Diagnostic NotAVariableExpression(SourceSpan span, string text, string kind) =>
        Error(span, "JP1025", $"{text} is a {kind} expression, but it should be a variable expression");

    public static Diagnostic InvalidIdentifierInEnvironment(SourceSpan span, string name) =>
        Error(span, "JP1026", $"\"{name}\" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores.");

    public static Diagnostic ExpectedLibrary(SourceSpan span, string text) =>
        Error(span, "JP1027", $"Expected a \"lib(...)\" but got {text}");

    public static Diagnostic CannotHaveBlocks(SourceSpan span, string what) =>
        Error(span, "JP1028", $"{what} definitions cannot have blocks");

    public static Diagnostic MapNotAllowed(SourceSpan span, string what) =>
        Error(span, "JP1029", $"{what} cannot be defined as maps");

    public static Diagnostic ExpectedDefinition(SourceSpan span, string what) =>
        Error(span, "JP1030", $"Expected {what}");

    public static Diagnostic ExpectedTool(SourceSpan span) =>
        Error(span, "JP1031", "Expected to find ‘someTool \"someVersion\"’");

    public static Diagnostic ToolArgumentCount(SourceSpan span, string tool, bool none) =>
        Error(span, "JP1032", none ? $"No argument for tool \"{tool}\"" : $"Too many arguments for tool \"{tool}\"");

    public static Diagnostic FieldArgumentCount(SourceSpan span, string field, bool none) =>
        Error(span, "JP1033", none ? $"No argument for field \"{field}\"" : $"Too many arguments for field \"{field}\"");

    public static Diagnostic InvalidInputField(SourceSpan span, string name) =>
        Error(span, "JP1034", $"Not a valid field for input: \"{name}\"");

    public static Diagnostic ExpectedWhen(SourceSpan span) => Error(span, "JP1035", "Expected a when condition");

    public static Diagnostic InvalidBuildConditionContent(SourceSpan span, string valid) =>
        Error(span, "JP1036", $"The ‘post’ section can only contain build condition names with code blocks. Valid condition names are {valid}");

    public static Diagnostic InvalidAgent(SourceSpan span) =>
        Error(span, "JP1037", "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.");

    public static Diagnostic OneAgentMax(SourceSpan span) =>
        Error(span, "JP1038", "Only one agent type is allowed per agent section");

    public static Diagnostic ExpectedAgent(SourceSpan span) => Error(span, "JP1039", "Expected an agent");

    public static Diagnostic ExpectedKeyValue(SourceSpan span) => Error(span, "JP1040", "Expected to find ‘key \"value\"’");

    public static Diagnostic KeyArgumentCount(SourceSpan span, string key, bool none) =>
        Error(span, "JP1041", none ? $"No argument for agent key \"{key}\"" : $"Too many arguments for agent key \"{key}\"");

    public static Diagnostic BareDollarCurly(SourceSpan span, string text) =>
        Error(span, "JP1042", $"{text} cannot be used as a value directly. Did you mean \"{text}\"? (add quotes)");

    public static Diagnostic MethodCallWithClosure(SourceSpan span) =>
        Error(span, "JP1043", "Method call arguments cannot contain closures");

    public static Diagnostic DuplicateNamedParameter(SourceSpan span, string name) =>
        Error(span, "JP1044", $"Duplicate named parameter '{name}' found");

    public static Diagnostic BigIntegerValue(SourceSpan span) =>
        Error(span, "JP1045", "BigIntegers cannot be used as constants in Declarative. The maximum value for an integer is 9,223,372,036,854,775,807 and the minimum value for an integer is -9,223,372,036,854,775,808.");

    public static Diagnostic UnknownMatrixSection(SourceSpan span, string name) =>
        Error(span, "JP1046", $"Unknown matrix section \"{name}\"");

    public static Diagnostic ExpectedAxis(SourceSpan span, string what) => Error(span, "JP1047", $"Expected {what}");
}
