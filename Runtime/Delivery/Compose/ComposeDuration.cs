using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>The Compose specification's durations: <c>10s</c>, <c>1m30s</c>, <c>500ms</c>, <c>2h</c>, <c>1.5s</c> (units h, m, s, ms, us).</summary>
public static partial class ComposeDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                _ => TimeSpan.FromMicroseconds(amount),
            };
        }

        return true;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(h|ms|m|s|us))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us)")]
    private static partial Regex Part();
}
