using System.Net;

namespace ContainerCd.Server.Hosting;

/// <summary>Tells whether every address in <c>--urls</c> is a loopback one (then no token is needed).</summary>
internal static class ListenAddresses
{
    public static bool AllLoopback(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                return false;
            }

            var host = uri.Host.Trim('[', ']');
            if (host == "localhost")
            {
                continue;
            }

            if (!IPAddress.TryParse(host, out var address) || !IPAddress.IsLoopback(address))
            {
                return false;
            }
        }

        return true;
    }
}
