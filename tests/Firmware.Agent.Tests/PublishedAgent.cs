namespace Firmware.Agent.Tests;

/// <summary>
/// Publishes fwagent with NativeAOT once for the test class, as a device build would, and runs
/// the native binary. The publish fails on any trim or AOT warning (warnings are errors).
/// </summary>
public sealed class PublishedAgent : IDisposable
{
    public PublishedAgent()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fwagent-aot-").FullName;
        var project = Path.Combine(RepositoryRoot(), "agent", "Firmware.Agent", "Firmware.Agent.csproj");
        var publish = ProcessRunner.Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", Path.Combine(Directory, "bin"), "-nologo"], Directory);
        PublishOutput = publish.Stdout + publish.Stderr;
        Assert.True(publish.ExitCode == 0, PublishOutput);
        Executable = Path.Combine(Directory, "bin", "fwagent");
    }

    public string Directory { get; }

    public string Executable { get; }

    public string PublishOutput { get; }

    public ProcessResult Agent(params string[] args) => ProcessRunner.Run(Executable, args, Directory);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Firmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Firmware.sln not found above the test directory.");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
