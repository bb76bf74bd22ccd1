using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet.Models;

/// <summary>The exec-per-step baseline through the API: what one step costs when each step is an exec.</summary>
internal static class BenchApi
{
    public static async Task ExecAsync(DockerEngine engine, string container)
    {
        var exec = await engine.Client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = ["true"] });
        using (var stream = await engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters()))
        {
            await stream.ReadOutputToEndAsync(CancellationToken.None);
        }

        var inspected = await engine.Client.Exec.InspectContainerExecAsync(exec.ID);
        if (inspected.ExitCode != 0)
        {
            throw new InvalidOperationException("exec failed");
        }
    }
}
