namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// Jobs recording coverage with the real steps. Build 1's reports: JaCoCo lines 6/10 and branches 1/4 (recordCoverage),
/// Cobertura lines 7/10 and branches 1/2 (cobertura); build 2 and later: JaCoCo 8/10 and 3/4, Cobertura 9/10 and 1/2.
/// </summary>
internal static class CoverageJenkinsfiles
{
    private const string WriteReports = """
                      def first = env.BUILD_NUMBER == '1'
                      writeFile file: 'jacoco.xml', text: "<report name='calc'><counter type='BRANCH' missed='${first ? 3 : 1}' covered='${first ? 1 : 3}'/><counter type='LINE' missed='${first ? 4 : 2}' covered='${first ? 6 : 8}'/></report>"
                      writeFile file: 'cov.xml', text: "<coverage lines-covered='${first ? 7 : 9}' lines-valid='10' branches-covered='1' branches-valid='2'><packages/></coverage>"
        """;

    /// <summary>recordCoverage (JaCoCo) in stage Unit, cobertura in stage Python.</summary>
    public const string TwoRecorders = """
        pipeline {
          agent any
          stages {
            stage('Unit') {
              steps {
                script {
        """ + WriteReports + """

                  recordCoverage(tools: [[parser: 'JACOCO', pattern: 'jacoco.xml']])
                }
              }
            }
            stage('Python') {
              steps {
                cobertura coberturaReportFile: 'cov.xml'
              }
            }
          }
        }
        """;

    /// <summary>As <see cref="TwoRecorders"/>, with an input before the coverage is recorded ("Record") and one after ("Finish").</summary>
    public const string BetweenInputs = """
        pipeline {
          agent any
          stages {
            stage('Unit') {
              steps {
                input message: 'Record coverage?', ok: 'Record'
                script {
        """ + WriteReports + """

                  recordCoverage(tools: [[parser: 'JACOCO', pattern: 'jacoco.xml']])
                }
                cobertura coberturaReportFile: 'cov.xml'
                input message: 'Finish?', ok: 'Finish'
              }
            }
          }
        }
        """;
}
