namespace ContainerCd.Server.Tests.Support;

/// <summary>The checkout the test binaries were built from.</summary>
public static class Repository
{
    /// <summary>The folder holding ContainerCd.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ContainerCd.sln not found above " + AppContext.BaseDirectory);
    }
}
