namespace Firmware.Init.Tests.System;

/// <summary>
/// fwinit published with NativeAOT once for the test class, as the image ships it. The publish
/// fails on any trim or AOT warning (warnings are errors).
/// </summary>
public class PublishedInit : IDisposable
{
    public PublishedInit()
        : this("linux-x64")
    {
    }

    protected PublishedInit(string runtime)
    {
        Directory = global::System.IO.Directory.CreateTempSubdirectory("fwinit-aot-").FullName;
        var project = Repository.PathOf("firmware", "Firmware.Init.Exe", "Firmware.Init.Exe.csproj");
        PublishOutput = NativePublish.Run(project, runtime, Path.Combine(Directory, "bin"));
        Executable = Path.Combine(Directory, "bin", "fwinit");
    }

    public string Directory { get; }

    public string Executable { get; }

    public string PublishOutput { get; }

    public void Dispose()
    {
        global::System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>fwinit cross-published for linux-arm64 (clang, lld and the aarch64 binutils and libc from Debian, as for fwagent).</summary>
public sealed class PublishedArm64Init : PublishedInit
{
    public PublishedArm64Init()
        : base("linux-arm64")
    {
    }
}
