using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;

// Usage: holder BUILD_ID WORKSPACE. Starts a busybox agent for that build, runs a step that starts a
// container through the pass-through and then sleeps, prints "ready" once both run, and waits to be killed.
using var engine = DockerEngine.Create();
await using var provider = new DockerAgentProvider(engine);
var request = new AgentRequest(args[0], "holder", 1, args[1], new Dictionary<string, string>(),
    new ContainerAgentSpec(BaseImages.Busybox, null, null, false, null, null, PassThroughDockerEngine: true, null, null));
var agent = await provider.StartAsync(request, new Forward());
var step = new ShellCommand($"docker run -d {BaseImages.Busybox} sleep 1000 >/dev/null\necho ready\nsleep 1000", args[1], new Dictionary<string, string>(), false);
await agent.ExecuteAsync(step, new Forward());

internal sealed class Forward : IShellOutput
{
    public void Write(string text)
    {
        Console.Write(text);
        Console.Out.Flush();
    }
}
