namespace Firmware.Testing;

/// <summary>The repository the tests run from, found by walking up to Firmware.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Firmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Firmware.sln not found above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository's root directory.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the root, given as segments.</summary>
    public static string PathOf(params string[] segments) => Path.Combine([Root, .. segments]);
}
