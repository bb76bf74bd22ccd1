using System.Collections.Immutable;

namespace ContainerCd.Conformance.Tests;

/// <summary>
/// Corpus cases the parser tests skip, each with why. Everything else must pass: a compile-error
/// case is rejected with every expected string, a run case's pipeline lints without error.
/// </summary>
public static class ParserSkips
{
    private const string TestExtension =
        "needs a @TestExtension from the upstream Jenkins test sources (a fake agent type or validator) that no real installation has";

    private const string JvmArtefact =
        "the rejection is an artefact of compiling the pipeline to JVM bytecode (method size / constant pool limits), not of the Declarative model";

    public static ImmutableDictionary<string, string> Reasons { get; } = new Dictionary<string, string>
    {
        ["BasicModelDefTest.stages100WithOutsideVarAndFuncNotAllowed"] = JvmArtefact,
        ["BasicModelDefTest.stages300NoSplit"] = JvmArtefact,
        ["MultipleUnnamedParametersTest.tooManyUnnamedParameters"] = TestExtension + " (MultiArgCtorProp job property)",
        ["ValidatorTest.agentMissingRequiredParam"] = TestExtension + " (agent type otherField)",
        ["ValidatorTest.agentUnknownParamForType"] = TestExtension + " (agent type otherField)",
        ["ValidatorTest.optionValidatorContributor"] = TestExtension + " (TestDupeContributor validator)",
        ["ValidatorTest.postValidatorContributor"] = TestExtension + " (TestDupeContributor validator)",
        ["ValidatorTest.validatorContributor"] = TestExtension + " (RejectTestProperty validator)",
        ["AgentTest.multipleVariablesForAgent"] = TestExtension + " (agent type otherField)",
        ["ValidatorTest.unlistedToolType"] =
            "a Jenkins controller knows which tool types its plugins provide; lint without --tool cannot, so an unknown tool type is a warning (JP2002) as an unknown step is (issue 10); with --tool or a config's tools it is this error",
    }.ToImmutableDictionary();
}
