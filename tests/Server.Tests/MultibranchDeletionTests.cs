using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Tests;

/// <summary>
/// <c>DELETE /api/jobs/{job}</c> of a multibranch job deletes its children with it, as Jenkins deletes a folder's
/// items: every row of their builds in the real database and every file of theirs under the home.
/// </summary>
public sealed class MultibranchDeletionTests : RepositoryServerTest
{
    private static readonly string[] JobTables = ["builds", "stages", "steps", "test_cases", "test_totals", "inputs", "scm_revisions", "scm_changes", "coverage", "job_triggers"];

    [Fact]
    public async Task Delete_MultibranchJob_RemovesItsChildrensBuildsLogsAndArtifacts()
    {
        // Given a multibranch job defined through the API, whose two branches built and archived an artifact
        Repository.Commit("main", ("Jenkinsfile", """
            pipeline { agent any; triggers { pollSCM('H H 1 1 *') }; stages { stage('s') { steps {
              writeFile file: 'out.txt', text: "built ${env.BRANCH_NAME}"
              archiveArtifacts 'out.txt'
              writeFile file: 'r.xml', text: '<testsuite name="s"><testcase classname="k" name="a"/></testsuite>'
              junit 'r.xml'
            } } } }
            """));
        Repository.Branch("feature/x");
        Repository.Commit("feature", ("f.txt", "f"));
        Repository.Push();
        await StartServerAsync("jobs: {}\n");
        using (var created = await Server.Http.PutAsync("api/jobs/app-all", Json($$"""{"repository": "{{Repository.Url}}", "multibranch": true}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(Server, "app-all/job/main", 1, Token));
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(Server, "app-all/job/feature%252Fx", 1, Token));
        Assert.True(File.Exists(Path.Combine(Home, "artifacts", "app-all", "main", "1", "out.txt")));
        Assert.True(File.Exists(Path.Combine(Home, "builds", "app-all", "feature%2Fx", "1", "log")));
        Assert.NotEqual(0, ChildRows());

        // When the multibranch job is deleted
        using var deleted = await Server.Http.DeleteAsync("api/jobs/app-all", Token);

        // Then its children are gone: no row of their builds, no file of theirs under the home
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, ChildRows());
        foreach (var folder in new[] { "builds", "artifacts", "workspace" })
        {
            Assert.False(Directory.Exists(Path.Combine(Home, folder, "app-all")), folder + "/app-all is left");
        }

        Assert.Empty((await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app-all%2Fmain/builds", Token))!);

        // and a job defined again under that name starts afresh
        using (var again = await Server.Http.PutAsync("api/jobs/app-all", Json($$"""{"repository": "{{Repository.Url}}", "multibranch": true}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(Server, "app-all/job/main", 1, Token));
        var builds = await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app-all%2Fmain/builds", Token);
        Assert.Single(builds!);
        var build = await Server.Http.GetFromJsonAsync<JsonElement>("api/jobs/app-all%2Fmain/builds/1", Token);
        Assert.Equal(1, build.GetProperty("tests").GetProperty("total").GetInt32()); // not added to the deleted build 1's totals
    }

    /// <summary>How many rows of the database belong to a child of app-all (<c>app-all/…</c>), in every table holding builds.</summary>
    private long ChildRows()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Home, "containercd.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long rows = 0;
        foreach (var table in JobTables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE job LIKE 'app-all/%'";
            rows += (long)command.ExecuteScalar()!;
        }

        using var numbers = connection.CreateCommand();
        numbers.CommandText = "SELECT COUNT(*) FROM jobs WHERE name LIKE 'app-all/%'";
        return rows + (long)numbers.ExecuteScalar()!;
    }
}
