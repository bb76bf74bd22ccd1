using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>
/// A tiny xUnit test project (<c>calc.csproj</c> and <c>MathTests.cs</c>) written into a workspace for a real
/// <c>dotnet test</c>, on the package versions this repository uses, so that its restore needs no new package.
/// </summary>
internal static class DotNetTestProject
{
    private static readonly string[] XunitPackages = ["Microsoft.NET.Test.Sdk", "xunit.v3", "xunit.runner.visualstudio"];

    /// <summary>Writes the project with the xUnit packages plus <paramref name="extraPackages"/>, and <paramref name="source"/> as its tests.</summary>
    public static async Task WriteAsync(string workspace, string source, string extraProperties = "", params string[] extraPackages)
    {
        Directory.CreateDirectory(workspace);
        var packages = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "Directory.Packages.props"), TestContext.Current.CancellationToken);
        string Reference(string id) =>
            $"""    <PackageReference Include="{id}" Version="{Regex.Match(packages, $"Include=\"{Regex.Escape(id)}\" Version=\"([^\"]+)\"").Groups[1].Value}" />""";
        var references = string.Join("\n", XunitPackages.Concat(extraPackages).Select(Reference));
        await File.WriteAllTextAsync(Path.Combine(workspace, "calc.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><IsTestProject>true</IsTestProject>{extraProperties}</PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(workspace, "MathTests.cs"), source, TestContext.Current.CancellationToken);
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ContainerCd.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
