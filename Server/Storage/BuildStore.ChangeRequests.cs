using System.Text.Json;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Storage;

// What webhooks told of a multibranch job's change requests (table change_requests): title, author, target... and
// whether it was closed. Kept apart from branch_jobs, which each scan rewrites.
internal sealed partial class BuildStore
{
    public void SaveChangeRequest(string parent, ChangeRequest change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Write(
            "INSERT INTO change_requests (parent, name, details) VALUES ($parent, $name, $details) ON CONFLICT(parent, name) DO UPDATE SET details = $details",
            ("$parent", parent), ("$name", change.Name), ("$details", JsonSerializer.Serialize(change)));
    }

    public IReadOnlyDictionary<string, ChangeRequest> LoadChangeRequests(string parent)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, details FROM change_requests WHERE parent = $parent";
        command.Parameters.AddWithValue("$parent", parent);
        using var reader = command.ExecuteReader();
        var changes = new Dictionary<string, ChangeRequest>(StringComparer.Ordinal);
        while (reader.Read())
        {
            changes[reader.GetString(0)] = JsonSerializer.Deserialize<ChangeRequest>(reader.GetString(1)) ?? new ChangeRequest(reader.GetString(0));
        }

        return changes;
    }
}
