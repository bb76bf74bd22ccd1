using System.Globalization;

namespace ContainerCd.Server.Storage;

/// <summary>A build's id on the hub and in events: <c>{job}/{number}</c>, e.g. <c>web-app/12</c>.</summary>
internal static class BuildIds
{
    public static string Format(string job, int number) => job + "/" + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? buildId, out string job, out int number)
    {
        job = string.Empty;
        number = 0;
        var slash = buildId?.LastIndexOf('/') ?? -1;
        if (slash <= 0 || !int.TryParse(buildId.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        job = buildId![..slash];
        return true;
    }
}
