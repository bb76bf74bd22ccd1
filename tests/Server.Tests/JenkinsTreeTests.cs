using System.Text.Json.Nodes;
using ContainerCd.Server.Api;

namespace ContainerCd.Server.Tests;

/// <summary>Jenkins' <c>tree=</c> over a ComputerSet-like answer: what is kept, and the errors of a bad tree.</summary>
public sealed class JenkinsTreeTests
{
    private static readonly JsonObject Answer = JsonNode.Parse("""
        {"_class":"S","busyExecutors":1,"displayName":"Nodes","computer":[
          {"_class":"C","displayName":"a","offline":false,"assignedLabels":[{"name":"x"},{"name":"a"}],"executors":[{"_class":"E","number":0,"currentExecutable":{"_class":"R","number":7,"url":"/job/j/7/"}}]},
          {"_class":"C","displayName":"b","offline":true,"assignedLabels":[{"name":"b"}],"executors":[]},
          {"_class":"C","displayName":"c","offline":false,"assignedLabels":[],"executors":[]}]}
        """)!.AsObject();

    public static TheoryData<string, string> Trees => new()
    {
        { "busyExecutors", """{"_class":"S","busyExecutors":1}""" },
        { "computer[displayName,offline]", """{"_class":"S","computer":[{"_class":"C","displayName":"a","offline":false},{"_class":"C","displayName":"b","offline":true},{"_class":"C","displayName":"c","offline":false}]}""" },
        { "computer[assignedLabels[name]]{1,2}", """{"_class":"S","computer":[{"_class":"C","assignedLabels":[{"name":"b"}]}]}""" },
        { "computer[displayName]{,1}", """{"_class":"S","computer":[{"_class":"C","displayName":"a"}]}""" },
        { "computer[displayName]{2,}", """{"_class":"S","computer":[{"_class":"C","displayName":"c"}]}""" },
        { "computer[displayName]{1}", """{"_class":"S","computer":[{"_class":"C","displayName":"b"}]}""" },
        { "computer[executors[currentExecutable[url,number]]]{0}", """{"_class":"S","computer":[{"_class":"C","executors":[{"_class":"E","currentExecutable":{"_class":"R","number":7,"url":"/job/j/7/"}}]}]}""" },
        { "computer[executors[*]]{0}", """{"_class":"S","computer":[{"_class":"C","executors":[{"_class":"E","number":0,"currentExecutable":{"_class":"R","number":7,"url":"/job/j/7/"}}]}]}""" },
        { "computer{0}", """{"_class":"S","computer":[{"_class":"C"}]}""" },
        { "nothing,displayName", """{"_class":"S","displayName":"Nodes"}""" },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Prune_Tree_KeepsWhatItNamesAndEachClass(string tree, string expected)
    {
        var pruned = JenkinsTree.Parse(tree).Prune(Answer);

        Assert.Equal(expected, pruned!.ToJsonString());
    }

    [Theory]
    [InlineData("computer[displayName", "tree 'computer[displayName', column 21: ']' expected at the end")]
    [InlineData("computer]", "tree 'computer]', column 9: unexpected ']'")]
    [InlineData("a,,b", "tree 'a,,b', column 3: a property name expected before ','")]
    [InlineData("computer{x}", "tree 'computer{x}', column 10: ',' expected, found 'x'")]
    [InlineData("", "tree '', column 1: a property name expected at the end")]
    public void Parse_BadTree_SaysWhatIsWrongWhere(string tree, string message)
    {
        var error = Assert.Throws<FormatException>(() => JenkinsTree.Parse(tree));

        Assert.Equal(message, error.Message);
    }
}
