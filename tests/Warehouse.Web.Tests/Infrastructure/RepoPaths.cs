namespace Warehouse.Web.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The folder holding Warehouse.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whichever the tests themselves were built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static string BuildOutput(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Warehouse.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Warehouse.sln above {AppContext.BaseDirectory}.");
    }
}
