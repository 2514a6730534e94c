using Firmware.Boot;

namespace Firmware.Core.Tests.Boot;

/// <summary>fw_printenv and fw_setenv (libubootenv) are the peers, on single and redundant environments in files.</summary>
[Trait("Category", "Integration")]
public sealed class UBootEnvironmentTests : IDisposable
{
    private const int Size = 0x4000;
    private readonly string _dir = Directory.CreateTempSubdirectory("ubootenv-").FullName;

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Fw_printenv_reads_a_single_copy_we_write()
    {
        var config = Config(redundant: false);
        var environment = new UBootEnvironment();
        environment.Set("bootcmd", "run distro_bootcmd");
        environment.Set("upgrade_available", "1");
        File.WriteAllBytes(PathOf("env.bin"), environment.ToBytes(Size, flags: null));

        Assert.Equal("bootcmd=run distro_bootcmd\nupgrade_available=1\n", Peer.Run("fw_printenv", "-c", config));
    }

    [Fact]
    public void We_read_a_single_copy_fw_setenv_writes()
    {
        var config = Config(redundant: false);
        File.WriteAllBytes(PathOf("env.bin"), new byte[Size]);

        Peer.Run("fw_setenv", "-c", config, "-f", Defaults(), "bootcount", "2");

        var environment = UBootEnvironment.TryParse(File.ReadAllBytes(PathOf("env.bin")), redundant: false, out _);
        Assert.NotNull(environment);
        Assert.Equal("2", environment["bootcount"]);
        Assert.Equal("A", environment["slot"]);
    }

    [Fact]
    public void We_pick_the_copy_fw_setenv_made_current_and_fw_printenv_follows_ours()
    {
        var config = Config(redundant: true);
        File.WriteAllBytes(PathOf("env.bin"), new byte[2 * Size]);
        Peer.Run("fw_setenv", "-c", config, "-f", Defaults(), "step", "1");
        Peer.Run("fw_setenv", "-c", config, "-f", Defaults(), "step", "2");

        var bytes = File.ReadAllBytes(PathOf("env.bin"));
        var first = UBootEnvironment.TryParse(bytes.AsSpan(0, Size), redundant: true, out var firstFlags);
        var second = UBootEnvironment.TryParse(bytes.AsSpan(Size, Size), redundant: true, out var secondFlags);
        var current = UBootEnvironment.CurrentCopy(first is not null, firstFlags, second is not null, secondFlags);
        Assert.NotNull(current);
        var environment = current == 0 ? first! : second!;
        Assert.Equal("2", environment["step"]);

        // Write the next generation into the other copy, as a bootloader backend does.
        environment.Set("step", "3");
        var next = (byte)((current == 0 ? firstFlags : secondFlags) + 1);
        environment.ToBytes(Size, next).CopyTo(bytes, current == 0 ? Size : 0);
        File.WriteAllBytes(PathOf("env.bin"), bytes);

        Assert.Contains("step=3\n", Peer.Run("fw_printenv", "-c", config), StringComparison.Ordinal);
    }

    [Fact]
    public void A_torn_copy_fails_its_crc_and_the_other_copy_stays_current()
    {
        var environment = new UBootEnvironment();
        environment.Set("slot", "A");
        var good = environment.ToBytes(Size, flags: 7);
        var torn = environment.ToBytes(Size, flags: 8);
        torn[100] ^= 0xFF;

        Assert.NotNull(UBootEnvironment.TryParse(good, redundant: true, out var goodFlags));
        Assert.Null(UBootEnvironment.TryParse(torn, redundant: true, out _));
        Assert.Equal(0, UBootEnvironment.CurrentCopy(true, goodFlags, false, 0));
    }

    [Theory]
    [InlineData(3, 4, 1)]
    [InlineData(4, 3, 0)]
    [InlineData(255, 0, 1)]
    [InlineData(0, 255, 0)]
    public void The_newer_generation_wins_and_zero_follows_255(int first, int second, int expected)
    {
        Assert.Equal(expected, UBootEnvironment.CurrentCopy(true, (byte)first, true, (byte)second));
    }

    private string Config(bool redundant)
    {
        var image = PathOf("env.bin");
        var lines = redundant ? $"{image} 0x0 0x4000\n{image} 0x4000 0x4000\n" : $"{image} 0x0 0x4000\n";
        File.WriteAllText(PathOf("fw_env.config"), lines);
        return PathOf("fw_env.config");
    }

    private string Defaults()
    {
        File.WriteAllText(PathOf("defaults.txt"), "bootcmd=run distro_bootcmd\nslot=A\n");
        return PathOf("defaults.txt");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
