namespace Firmware.Kernel.Tests.Cpio;

/// <summary>The archive as GNU cpio (Debian package cpio) lists and unpacks it.</summary>
[Trait("Category", "Integration")]
public sealed class CpioPeerTests
{
    [Fact]
    public void Cpio_lists_types_modes_owners_and_device_numbers()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllBytes(scratch.Of("a.cpio"), CpioNewcWriterTests.Write(CpioNewcWriterTests.Sample, 1700000000));
        var list = ProcessRunner.Run("sh", ["-c", "cpio -t -v --quiet -H newc < a.cpio"], scratch.Path, new Dictionary<string, string> { ["TZ"] = "UTC" });
        Assert.True(list.ExitCode == 0, list.ToString());
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["bin", "bin/busybox", "bin/sh -> busybox", "dev", "dev/console", "empty", "init"], lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @" \d{4} (.*)$").Groups[1].Value));
        Assert.StartsWith("drwxr-xr-x", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("lrwxrwxrwx", lines[2], StringComparison.Ordinal);
        Assert.Matches(@"^crw------- +1 root +root +5, +1 Nov 14 +2023 dev/console$", lines[4]);
        Assert.All(lines, l => Assert.Contains(" root ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Cpio_unpacks_contents_and_links()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllBytes(scratch.Of("a.cpio"), CpioNewcWriterTests.Write(CpioNewcWriterTests.Sample.Where(e => e is not Firmware.Kernel.Cpio.CpioDevice), 0));
        Directory.CreateDirectory(scratch.Of("out"));
        var unpack = ProcessRunner.Run("sh", ["-c", "cpio -i -d --quiet -H newc < ../a.cpio"], scratch.Of("out"));
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(scratch.Of("out/init")));
        Assert.Equal("busybox", new FileInfo(scratch.Of("out/bin/sh")).LinkTarget);
        Assert.Equal(0, new FileInfo(scratch.Of("out/empty")).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(scratch.Of("out/init")));
    }
}
