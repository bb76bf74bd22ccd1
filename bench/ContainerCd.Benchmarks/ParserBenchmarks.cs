using System.Text;
using BenchmarkDotNet.Attributes;
using ContainerCd.Parser;
using ContainerCd.Parser.Text;

namespace ContainerCd.Benchmarks;

/// <summary>
/// Parse + validate throughput, warm. <c>Jenkinsfile300</c> is a realistic 310-line declarative
/// Jenkinsfile (12.5 KB); <c>Stages1MB</c> is ~1 MB of generated stages. Throughput = size / mean.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private SourceText _jenkinsfile300 = null!;
    private SourceText _stages1Mb = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "Jenkinsfile.300");
        _jenkinsfile300 = new SourceText("Jenkinsfile", File.ReadAllText(path));
        var builder = new StringBuilder("pipeline {\n agent any\n stages {\n");
        for (var i = 0; builder.Length < 1_000_000; i++)
        {
            builder.Append("  stage('s").Append(i).Append("') {\n   steps {\n    sh \"make target").Append(i)
                .Append(" ${env.X}\"\n    echo 'done'\n   }\n  }\n");
        }

        _stages1Mb = new SourceText("Jenkinsfile", builder.Append(" }\n}\n").ToString());
    }

    [Benchmark(Description = "Parse+validate 300-line Jenkinsfile (12.5 KB)")]
    public JenkinsfileParseResult Jenkinsfile300() => Jenkinsfile.Parse(_jenkinsfile300);

    [Benchmark(Description = "Groovy parse only, 300-line Jenkinsfile")]
    public ScriptParseResult Jenkinsfile300ScriptOnly() => Jenkinsfile.ParseScript(_jenkinsfile300);

    [Benchmark(Description = "Parse+validate 1 MB of stages")]
    public JenkinsfileParseResult Stages1Mb() => Jenkinsfile.Parse(_stages1Mb);
}
