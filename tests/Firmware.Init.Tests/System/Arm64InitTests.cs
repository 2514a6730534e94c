namespace Firmware.Init.Tests.System;

/// <summary>The arm64 build: published without warnings, linking only the C library, and starting under emulation.</summary>
[Trait("Category", "System")]
public sealed class Arm64InitTests(PublishedArm64Init published) : IClassFixture<PublishedArm64Init>
{
    [Fact]
    public void Is_an_aarch64_executable_linking_only_the_C_library_with_no_publish_warnings()
    {
        var header = ProcessRunner.Run("readelf", ["-h", published.Executable], published.Directory);

        Assert.Contains("AArch64", header.Stdout, StringComparison.Ordinal);
        Assert.Equal(["ld-linux-aarch64.so.1", "libc.so.6", "libm.so.6"], NativePublish.NeededLibraries(published.Executable));
        Assert.DoesNotContain("warning", published.PublishOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Starts_under_qemu_and_refuses_to_run_outside_process_1()
    {
        var run = ProcessRunner.Run("qemu-aarch64-static", ["-L", "/usr/aarch64-linux-gnu", published.Executable], published.Directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not process 1", run.Stderr, StringComparison.Ordinal);
    }
}
