using System.Collections.Immutable;
using System.Text.Json;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Server.Storage;

/// <summary>
/// A build's cause in the <c>builds</c> table: its short description in <c>cause</c> (what older rows hold
/// alone) and the whole cause, class and fields, as JSON in <c>cause_json</c>.
/// </summary>
internal static class StoredCause
{
    public static string ToJson(BuildCause cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("class", cause.ClassName);
            writer.WriteString("shortDescription", cause.ShortDescription);
            writer.WriteStartObject("fields");
            foreach (var (name, value) in cause.Fields)
            {
                if (value is int number)
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, value.ToString());
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The stored cause; a row written before causes were kept whole becomes the cause its description names.</summary>
    public static BuildCause Read(string description, string? json)
    {
        if (json is null)
        {
            const string User = "Started by user ";
            return description.StartsWith(User, StringComparison.Ordinal)
                ? BuildCause.User(description[User.Length..])
                : new BuildCause("hudson.model.Cause", description);
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var fields = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var field in root.GetProperty("fields").EnumerateObject())
        {
            fields[field.Name] = field.Value.ValueKind == JsonValueKind.Number ? field.Value.GetInt32() : field.Value.GetString() ?? string.Empty;
        }

        return new BuildCause(root.GetProperty("class").GetString()!, root.GetProperty("shortDescription").GetString()!, fields.ToImmutable());
    }
}
