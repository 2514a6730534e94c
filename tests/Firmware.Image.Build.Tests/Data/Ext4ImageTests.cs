using Firmware.Image.Build.Data;

namespace Firmware.Image.Build.Tests.Data;

/// <summary>The data partition: e2fsck accepts it, dumpe2fs shows the label, UUID and time given, and it is reproducible.</summary>
[Trait("Category", "Integration")]
public sealed class Ext4ImageTests
{
    private static readonly Guid Uuid = new("5c2f1a9e-0d4b-4c6e-9a41-3f0e2b7d8c11");

    private static async Task<string> Write(ScratchDirectory scratch, string name)
    {
        var work = Directory.CreateDirectory(scratch.Of(name + ".work")).FullName;
        await Ext4Image.WriteAsync(scratch.Of(name), 16 << 20, "data", Uuid, 1700000000, work, CancellationToken.None);
        return scratch.Of(name);
    }

    [Fact]
    public async Task E2fsprogs_accepts_it_with_the_given_identity()
    {
        using var scratch = new ScratchDirectory();
        var image = await Write(scratch, "data.ext4");
        var check = ProcessRunner.Run("e2fsck", ["-f", "-n", image], scratch.Path);
        Assert.True(check.ExitCode == 0, check.ToString());
        var header = ProcessRunner.Run("dumpe2fs", ["-h", image], scratch.Path).Stdout;
        Assert.Matches(@"Filesystem volume name:\s+data\n", header);
        Assert.Matches($@"Filesystem UUID:\s+{Uuid}\n", header);
        Assert.Matches($@"Directory Hash Seed:\s+{Uuid}\n", header);
        Assert.Matches(@"Filesystem created:\s+Tue Nov 14 22:13:20 2023\n", header);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_bytes()
    {
        using var scratch = new ScratchDirectory();
        Assert.Equal(await File.ReadAllBytesAsync(await Write(scratch, "one")), await File.ReadAllBytesAsync(await Write(scratch, "two")));
    }
}
