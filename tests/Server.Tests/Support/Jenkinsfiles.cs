namespace ContainerCd.Server.Tests.Support;

/// <summary>Real Jenkinsfiles the server's tests run with the engine on the host agent.</summary>
internal static class Jenkinsfiles
{
    /// <summary>
    /// Build (a coloured line, an XSS attempt), parallel tests, a failing Deploy, a skipped Publish; steps sleep
    /// <paramref name="pause"/> s. With <paramref name="unitHeldUntil"/>, the parallel 'unit' stage stays running until
    /// that file exists (at most 60 s), so a test can look at the build while it is in the middle of a stage.
    /// </summary>
    public static string Pipeline(double pause = 0.2, string? unitHeldUntil = null) => $$"""
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                sh 'for i in 1 2 3 4 5; do echo "make step $i"; sleep {{pause}}; done'
                sh 'printf "\\033[32mcompiled\\033[0m ünïcødé ✓\\n"'
                echo '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & <b>bold?</b>'
              }
            }
            stage('Test') {
              parallel {
                stage('unit') {
                  steps { sh 'for i in 1 2 3; do echo "unit test $i passed"; sleep {{pause}}; done{{Hold(unitHeldUntil)}}' }
                }
                stage('integration') {
                  steps { sh 'for i in 1 2 3; do echo "integration test $i passed"; sleep {{pause}}; done' }
                }
              }
            }
            stage('Deploy') {
              steps {
                sh 'echo deploying; sleep {{pause}}; exit 1'
              }
            }
            stage('Publish') {
              steps { echo 'never' }
            }
          }
          post {
            always { echo 'post: always' }
          }
        }
        """;

    private static string Hold(string? file) =>
        file is null ? "" : $"; set +x; i=0; while [ ! -e {file} ] && [ $i -lt 1200 ]; do i=$((i+1)); sleep 0.05; done";

    public const string WithInput = """
        pipeline {
          agent any
          stages {
            stage('Approve') {
              steps {
                input message: 'Deploy to production?', ok: 'Ship it'
                echo 'approved'
              }
            }
          }
        }
        """;
}
