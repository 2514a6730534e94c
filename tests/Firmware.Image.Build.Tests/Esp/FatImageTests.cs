using Firmware.Image.Build.Esp;

namespace Firmware.Image.Build.Tests.Esp;

/// <summary>The ESP made with mtools: mdir and mtype read it, and the same inputs give the same bytes.</summary>
[Trait("Category", "Integration")]
public sealed class FatImageTests
{
    private static readonly (string, byte[])[] Files =
    [
        ("EFI/fw/grub.cfg", "echo hello\n"u8.ToArray()),
        ("EFI/BOOT/BOOTX64.EFI", [0x4d, 0x5a, 1, 2, 3]),
    ];

    private static async Task<string> Write(ScratchDirectory scratch, string name)
    {
        var work = Directory.CreateDirectory(scratch.Of(name + ".work")).FullName;
        await FatImage.WriteAsync(scratch.Of(name), 32 << 20, 0x1234ABCD, "ESP", Files, 1700000000, work, CancellationToken.None);
        return scratch.Of(name);
    }

    [Fact]
    public async Task Mtools_reads_the_files_the_serial_and_the_fixed_time()
    {
        using var scratch = new ScratchDirectory();
        var image = await Write(scratch, "esp.fat");
        var listing = ProcessRunner.Run("mdir", ["-i", image, "::/EFI/BOOT"], scratch.Path);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("Volume Serial Number is 1234-ABCD", listing.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"BOOTX64\s+EFI\s+5 2023-11-14\s+22:13", listing.Stdout);
        var file = ProcessRunner.Run("mtype", ["-i", image, "::/EFI/fw/grub.cfg"], scratch.Path);
        Assert.Equal("echo hello\n", file.Stdout);
        Assert.Equal("1234-ABCD", FatImage.VolumeId(0x1234ABCD));
        Assert.Equal(32 << 20, new FileInfo(image).Length);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_bytes()
    {
        using var scratch = new ScratchDirectory();
        Assert.Equal(await File.ReadAllBytesAsync(await Write(scratch, "one")), await File.ReadAllBytesAsync(await Write(scratch, "two")));
    }
}
