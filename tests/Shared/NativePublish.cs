namespace Firmware.Testing;

/// <summary>A NativeAOT publish of a device executable (fwagent, fwinit), as an image ships it, and what it links.</summary>
public static class NativePublish
{
    // Publishes for two runtimes must not overlap: each restores the project's one assets file for its own runtime.
    private static readonly Lock PublishLock = new();

    /// <summary>
    /// Publishes <paramref name="project"/> for <paramref name="runtime"/> into <paramref name="output"/>;
    /// fails the test on a failed publish. Returns the publish's output (warnings are errors, and tests
    /// also assert there are none).
    /// </summary>
    public static string Run(string project, string runtime, string output)
    {
        Directory.CreateDirectory(output);
        ProcessResult publish;
        lock (PublishLock)
        {
            publish = ProcessRunner.Run("dotnet", ["publish", project, "-c", "Release", "-r", runtime, "-o", output, "-nologo"], Path.GetDirectoryName(output)!);
        }

        var text = publish.Stdout + publish.Stderr;
        Assert.True(publish.ExitCode == 0, text);
        return text;
    }

    /// <summary>The shared libraries <paramref name="executable"/> needs (readelf's NEEDED entries), sorted.</summary>
    public static string[] NeededLibraries(string executable)
    {
        var header = ProcessRunner.Run("readelf", ["-d", executable], Path.GetDirectoryName(executable)!);
        Assert.True(header.ExitCode == 0, header.ToString());
        return [.. header.Stdout.Split('\n').Where(l => l.Contains("(NEEDED)", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('[', StringComparison.Ordinal) + 1)..l.IndexOf(']', StringComparison.Ordinal)]).Order()];
    }
}
