using System.Globalization;
using System.Text.Json;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router;

/// <summary>
/// The routes a home's router serves, one file per public port (<c>routes/18080.json</c>), written atomically (a
/// temporary file renamed over the old one) on every change, read back when the router starts.
/// </summary>
internal sealed class RouteStore(RouterPaths paths)
{
    /// <summary>Whether the home has any route to serve (so <c>serve</c> makes sure its router runs).</summary>
    public static bool HasRoutes(string home) =>
        Directory.Exists(new RouterPaths(home).RoutesFolder) && Directory.EnumerateFiles(new RouterPaths(home).RoutesFolder, "*.json").Any();

    public void Save(RouteTable table)
    {
        Directory.CreateDirectory(paths.RoutesFolder);
        var file = FileFor(table.PublicPort);
        var temporary = file + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, JsonSerializer.Serialize(table, RouteJson.Options));
        File.Move(temporary, file, overwrite: true);
    }

    public void Delete(int publicPort) => File.Delete(FileFor(publicPort));

    /// <summary>Every stored route; a file that cannot be read is reported by name with the reason, and skipped.</summary>
    public IReadOnlyList<RouteTable> Load(Action<string, string> unreadable)
    {
        if (!Directory.Exists(paths.RoutesFolder))
        {
            return [];
        }

        var tables = new List<RouteTable>();
        foreach (var file in Directory.EnumerateFiles(paths.RoutesFolder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                tables.Add(JsonSerializer.Deserialize<RouteTable>(File.ReadAllText(file), RouteJson.Options)
                    ?? throw new JsonException("the file holds null"));
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                unreadable(file, e.Message);
            }
        }

        return tables;
    }

    private string FileFor(int publicPort) => Path.Combine(paths.RoutesFolder, publicPort.ToString(CultureInfo.InvariantCulture) + ".json");
}
