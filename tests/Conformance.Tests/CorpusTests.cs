namespace ContainerCd.Conformance.Tests;

public class CorpusTests
{
    [Fact]
    public void Cases_WhenCorpusPresent_LoadAll442()
    {
        Assert.SkipUnless(Corpus.IsPresent, Corpus.AbsentMessage);

        Assert.Equal(442, Corpus.Cases.Count);
        Assert.Equal(307, Corpus.Cases.Count(c => c.IsRun));
        Assert.Equal(132, Corpus.Cases.Count(c => c.IsCompileError));
        Assert.All(Corpus.Cases, c => Assert.True(File.Exists(Corpus.PipelinePath(c)), c.File));
    }
}
