using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary><c>GET /api/registry</c>: the registry the config names, whether the server starts it, and whether it answers.</summary>
public sealed class RegistryApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LocalRegistryInTheConfig_NotStartedYet_IsManagedAndNotRunning()
    {
        // Given: a local registry on a port nothing listens on
        var home = TestServer.NewHome();
        Directory.CreateDirectory(home);
        var config = Path.Combine(home, "containercd.yml");
        await File.WriteAllTextAsync(config, "registry:\n  address: localhost:1\n", Token);
        await using var server = await TestServer.StartWithConfigAsync(home, config);

        // When
        var registry = await server.Http.GetFromJsonAsync<JsonElement>("api/registry", Token);

        // Then
        Assert.Equal("localhost:1", registry.GetProperty("address").GetString());
        Assert.True(registry.GetProperty("managed").GetBoolean());
        Assert.False(registry.GetProperty("running").GetBoolean());
        Assert.Equal(Path.Combine(home, "registry", "data"), registry.GetProperty("dataDirectory").GetString());
    }

    [Fact]
    public async Task AnotherRegistryWithCredentials_IsNotManaged()
    {
        var home = TestServer.NewHome();
        Directory.CreateDirectory(home);
        var config = Path.Combine(home, "containercd.yml");
        await File.WriteAllTextAsync(config, "registry:\n  address: 127.0.0.1:1\n  credentialsId: registry-login\n", Token);
        await using var server = await TestServer.StartWithConfigAsync(home, config);

        var registry = await server.Http.GetFromJsonAsync<JsonElement>("api/registry", Token);

        Assert.False(registry.GetProperty("managed").GetBoolean());
        Assert.Equal("registry-login", registry.GetProperty("credentialsId").GetString());
        Assert.Equal(JsonValueKind.Null, registry.GetProperty("dataDirectory").ValueKind);
    }
}
