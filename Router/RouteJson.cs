using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerCd.Router;

/// <summary>The JSON of route tables and statuses, on the control socket and in the route files.</summary>
internal static class RouteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };
}
