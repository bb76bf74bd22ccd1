namespace ContainerCd.Server.Storage;

// Jobs defined through the REST API (table job_definitions): each one's definition as it was sent (YAML or JSON).
internal sealed partial class BuildStore
{
    /// <summary>Creates or replaces a job's definition; true when it was created.</summary>
    public bool SaveJobDefinition(string name, string definition)
    {
        var existed = LoadJobDefinitions().ContainsKey(name);
        Write(
            "INSERT INTO job_definitions (name, definition) VALUES ($name, $definition) ON CONFLICT(name) DO UPDATE SET definition = $definition",
            ("$name", name), ("$definition", definition));
        return !existed;
    }

    /// <summary>Removes a job's definition (its builds stay); false when there was none.</summary>
    public bool DeleteJobDefinition(string name)
    {
        if (!LoadJobDefinitions().ContainsKey(name))
        {
            return false;
        }

        Write("DELETE FROM job_definitions WHERE name = $name; DELETE FROM branch_jobs WHERE parent = $name; DELETE FROM change_requests WHERE parent = $name;", ("$name", name));
        return true;
    }

    /// <summary>The tables holding rows of a job's builds (column <c>job</c>).</summary>
    private static readonly string[] JobTables = ["builds", "stages", "steps", "test_cases", "test_totals", "inputs", "scm_revisions", "scm_changes", "coverage", "job_triggers"];

    /// <summary>
    /// Forgets every build of a multibranch job's children (<c>PARENT/…</c>), as Jenkins deletes a folder's items:
    /// their rows in every table, their triggers and their build numbers.
    /// </summary>
    public void DeleteChildBuilds(string parent)
    {
        var sql = string.Concat(
            JobTables
                .Select(table => $"DELETE FROM {table} WHERE substr(job, 1, length($prefix)) = $prefix;\n"))
            + "DELETE FROM jobs WHERE substr(name, 1, length($prefix)) = $prefix;";
        Write(sql, ("$prefix", parent + "/"));
    }

    public IReadOnlyDictionary<string, string> LoadJobDefinitions()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, definition FROM job_definitions ORDER BY name";
        using var reader = command.ExecuteReader();
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            definitions[reader.GetString(0)] = reader.GetString(1);
        }

        return definitions;
    }
}
