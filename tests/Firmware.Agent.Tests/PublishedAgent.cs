namespace Firmware.Agent.Tests;

/// <summary>
/// Publishes fwagent with NativeAOT once for the test class, as a device build would, and runs
/// the native binary. The publish fails on any trim or AOT warning (warnings are errors).
/// </summary>
public class PublishedAgent : IDisposable
{
    public PublishedAgent()
        : this("linux-x64")
    {
    }

    protected PublishedAgent(string runtime)
    {
        Runtime = runtime;
        Directory = System.IO.Directory.CreateTempSubdirectory("fwagent-aot-").FullName;
        var project = Repository.PathOf("agent", "Firmware.Agent", "Firmware.Agent.csproj");
        PublishOutput = NativePublish.Run(project, runtime, Path.Combine(Directory, "bin"));
        Executable = Path.Combine(Directory, "bin", "fwagent");
    }

    /// <summary>The runtime identifier published for.</summary>
    public string Runtime { get; }

    public string Directory { get; }

    public string Executable { get; }

    public string PublishOutput { get; }

    public virtual ProcessResult Agent(params string[] args) => ProcessRunner.Run(Executable, args, Directory);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// fwagent cross-published for linux-arm64 (clang, lld and the aarch64 binutils and libc from
/// Debian) and run under qemu-aarch64-static with the aarch64 libc as its root. One publish for
/// the few tests that prove the arm64 build: the behaviour itself is tested on x64.
/// </summary>
public sealed class PublishedArm64Agent : PublishedAgent
{
    public PublishedArm64Agent()
        : base("linux-arm64")
    {
    }

    public override ProcessResult Agent(params string[] args) =>
        ProcessRunner.Run("qemu-aarch64-static", ["-L", "/usr/aarch64-linux-gnu", Executable, .. args], Directory);
}
