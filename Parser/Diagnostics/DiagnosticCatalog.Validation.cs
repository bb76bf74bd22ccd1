using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>JP11xx: the validator's errors (Jenkins' ModelValidatorImpl); JP2xxx: warnings.</summary>
public static partial class DiagnosticCatalog
{
    public static Diagnostic RequiredSection(SourceSpan span, string name) =>
        Error(span, "JP1101", $"Missing required section \"{name}\"");

    public static Diagnostic NoStages(SourceSpan span) => Error(span, "JP1102", "No stages specified");

    public static Diagnostic DuplicateStageName(SourceSpan span, string name) =>
        Error(span, "JP1103", $"Duplicate stage name: \"{name}\"");

    public static Diagnostic NothingForStage(SourceSpan span, string stage) =>
        Error(span, "JP1104", $"Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"{stage}\"");

    public static Diagnostic OnlyOneOfStageContent(SourceSpan span, string stage) =>
        Error(span, "JP1105", $"Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"{stage}\"");

    public static Diagnostic NoSteps(SourceSpan span) => Error(span, "JP1106", "No steps specified for branch");

    public static Diagnostic NestedParallelOrMatrix(SourceSpan span) =>
        Error(span, "JP1107", "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".");

    public static Diagnostic NotAllowedWithParallel(SourceSpan span, string section, string stage) =>
        Error(span, "JP1108", $"\"{section}\" is not allowed in stage \"{stage}\" as it contains parallel or matrix stages");

    public static Diagnostic EmptySection(SourceSpan span, string section) => Error(span, "JP1109", $"{section} can not be empty");

    public static Diagnostic NoEnvironmentVariables(SourceSpan span) => Error(span, "JP1110", "No variables specified for environment");

    public static Diagnostic NoTools(SourceSpan span) => Error(span, "JP1111", "No tools specified");

    public static Diagnostic DuplicateBuildCondition(SourceSpan span, string name) =>
        Error(span, "JP1112", $"Duplicate build condition name: \"{name}\"");

    public static Diagnostic InvalidBuildCondition(SourceSpan span, string name, string valid) =>
        Error(span, "JP1113", $"Invalid condition \"{name}\" - valid conditions are {valid}");

    public static Diagnostic InvalidSectionType(SourceSpan span, string kind, string name, string valid) =>
        Error(span, "JP1114", $"Invalid {kind} type \"{name}\". Valid {kind} types: {valid}");

    public static Diagnostic NoToolVersion(SourceSpan span, string type, string name, string nearest) =>
        Error(span, "JP1115", $"Tool type \"{type}\" does not have an install of \"{name}\" configured - did you mean \"{nearest}\"?");

    public static Diagnostic EmptyWhen(SourceSpan span) =>
        Error(span, "JP1116", "Empty when closure, remove the property or add some content.");

    public static Diagnostic BlockedStep(SourceSpan span, string step, string reason) =>
        Error(span, "JP1117", $"Invalid step \"{step}\" used - not allowed in this context - {reason}");

    public static Diagnostic InvalidParameter(SourceSpan span, string name, string nearest) =>
        Error(span, "JP1118", $"Invalid parameter \"{name}\", did you mean \"{nearest}\"?");

    public static Diagnostic MissingRequiredParameter(SourceSpan span, string name) =>
        Error(span, "JP1119", $"Missing required parameter: \"{name}\"");

    public static Diagnostic TooManyUnnamedParameters(SourceSpan span, string name) =>
        Error(span, "JP1120", $"Arguments to \"{name}\" must be explicitly named.");

    public static Diagnostic WrongNumberOfArguments(SourceSpan span, string name, int expected, int actual) =>
        Error(span, "JP1121", $"\"{name}\" should have {expected} arguments but has {actual} arguments instead.");

    public static Diagnostic NotSingleRequiredParameter(SourceSpan span) =>
        Error(span, "JP1122", "Step does not take a single required parameter - use named parameters instead");

    public static Diagnostic MixedNamedAndUnnamedArguments(SourceSpan span) =>
        Error(span, "JP1123", "Cannot mix named and unnamed arguments");

    public static Diagnostic InvalidParameterType(SourceSpan span, string expected, string name, string value, string actual) =>
        Error(span, "JP1124", $"Expecting \"{expected}\" for parameter \"{name}\" but got \"{value}\" of type {actual} instead");

    public static Diagnostic InvalidUnnamedParameterType(SourceSpan span, string expected, string value, string actual) =>
        Error(span, "JP1125", $"Expecting \"{expected}\" but got \"{value}\" of type {actual} instead");

    public static Diagnostic DuplicateName(SourceSpan span, string kind, string name) =>
        Error(span, "JP1126", $"Duplicate {kind} name: \"{name}\"");

    public static Diagnostic NoAgentType(SourceSpan span, string valid) =>
        Error(span, "JP1127", $"No agent type specified. Must be one of {valid}");

    public static Diagnostic InvalidAgentType(SourceSpan span, string name, string valid) =>
        Error(span, "JP1128", $"Invalid agent type \"{name}\" specified. Must be one of {valid}");

    public static Diagnostic MissingAgentParameter(SourceSpan span, string type, string parameter) =>
        Error(span, "JP1129", $"Missing required parameter for agent type \"{type}\": {parameter}");

    public static Diagnostic InvalidAgentParameter(SourceSpan span, string option, string type, string valid) =>
        Error(span, "JP1130", $"Invalid config option \"{option}\" for agent type \"{type}\". Valid config options are {valid}");

    public static Diagnostic UnknownWhenConditional(SourceSpan span, string name, string valid) =>
        Error(span, "JP1131", $"Unknown conditional {name}. Valid conditionals are: {valid}");

    public static Diagnostic NestedWhenNoArguments(SourceSpan span, string name) =>
        Error(span, "JP1133", $"No additional arguments are allowed for children when condition \"{name}\".");

    public static Diagnostic NoNestedWhenAllowed(SourceSpan span, string name) =>
        Error(span, "JP1134", $"No children when conditions are allowed for when condition \"{name}\".");

    public static Diagnostic NestedWhenWithoutChildren(SourceSpan span, string name) =>
        Error(span, "JP1135", $"Nested when condition \"{name}\" requires at least one child condition.");

    public static Diagnostic NestedWhenWrongChildrenCount(SourceSpan span, string name, int count) =>
        Error(span, "JP1136", $"Nested when condition \"{name}\" requires exactly {count} child condition(s).");

    public static Diagnostic MissingInputMessage(SourceSpan span) => Error(span, "JP1137", "No message specified for input");

    public static Diagnostic JobPropertyInOptions(SourceSpan span, string property, string directive) =>
        Error(span, "JP1138", $"The \"{property}\" job property cant be used in the \"options\" directive. Use the \"{directive} {{...}}\" directive instead.");

    public static Diagnostic PreserveStashesRange(SourceSpan span) =>
        Error(span, "JP1139", "The number of builds to preserve must be between 1 and 50.");

    public static Diagnostic NoAxes(SourceSpan span) => Error(span, "JP1140", "No axis directives specified");

    public static Diagnostic NoExcludes(SourceSpan span) => Error(span, "JP1141", "No exclude directives specified");

    public static Diagnostic ExcludeValuesAndNotValues(SourceSpan span) =>
        Error(span, "JP1142", "Exclude axis must contain either \"values\" or \"notValues\"");

    public static Diagnostic InvalidRegularExpression(SourceSpan span, string pattern, string reason) =>
        Error(span, "JP1143", $"\"{pattern}\" is not a valid regular expression. {reason}");

    public static Diagnostic DuplicateAxisValue(SourceSpan span, string value) =>
        Error(span, "JP1144", $"Duplicate axis value: \"{value}\"");

    /// <summary>A <c>cron</c> or <c>pollSCM</c> spec Jenkins refuses, in its words (<c>Invalid input: "..." line 1:9: ...</c>).</summary>
    public static Diagnostic InvalidCronSpec(SourceSpan span, string message) => Error(span, "JP1145", message);

    /// <summary>A legal spec Jenkins' form validation warns about (every minute, short day cycles, no H).</summary>
    public static Diagnostic SuspiciousCronSpec(SourceSpan span, string message) => Warning(span, "JP2011", message);

    public static Diagnostic UnknownStep(SourceSpan span, string name) =>
        Warning(span, "JP2001", $"Unknown step \"{name}\": Jenkins fails it at run time unless a plugin or shared library provides it");

    /// <summary>
    /// A step the catalog declares but <c>containercd run</c> does not implement. Lint warns with this
    /// text and run fails with the same (<see cref="UnsupportedStepMessage"/>), so that the two agree.
    /// </summary>
    public static Diagnostic UnsupportedStep(SourceSpan span, string name) =>
        Warning(span, "JP2010", UnsupportedStepMessage(name));

    /// <summary>The words lint warns and run fails with, for a step run does not implement.</summary>
    public static string UnsupportedStepMessage(string name) =>
        $"step '{name}' is not supported by containercd run (unless a shared library's vars/ defines it; to skip it, list it under noopSteps in the config)";

    /// <summary>A parameter of a step run implements that run cannot honour: lint warns, run fails with the same words.</summary>
    public static Diagnostic UnsupportedParameter(SourceSpan span, string step, string parameter, string why) =>
        Warning(span, "JP2012", UnsupportedParameterMessage(step, parameter, why));

    /// <summary>The words lint warns and run fails with, for a parameter run cannot honour.</summary>
    public static string UnsupportedParameterMessage(string step, string parameter, string why) =>
        $"{step}: \"{parameter}\" is not supported by containercd run: {why}";

    /// <summary>The words run fails with for an agent type the catalog knows but ContainerCd cannot run (kubernetes).</summary>
    public static string UnsupportedAgentTypeMessage(string type) =>
        $"{type} agents are not supported by ContainerCd: use a docker agent or a label mapped to an image in the config file";

    public static Diagnostic UnknownToolType(SourceSpan span, string name, string known) =>
        Warning(span, "JP2002", $"Unknown tool type \"{name}\": Jenkins rejects it unless a plugin provides it. Tool types known here: {known}");
}
