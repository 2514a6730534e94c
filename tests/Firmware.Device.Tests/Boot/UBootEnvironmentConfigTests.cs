using Firmware.Device.Boot;
using Firmware.Device.Boot.UBoot;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class UBootEnvironmentConfigTests
{
    [Fact]
    public void One_line_is_a_single_environment_read_as_fw_printenv_reads_it()
    {
        var config = UBootEnvironmentConfig.Parse("# Device  offset  size\n\n/dev/mmcblk0\t0x3fe000 0x2000\n", "fw_env.config");

        Assert.False(config.Redundant);
        Assert.Equal(new UBootEnvironmentLocation("/dev/mmcblk0", 0x3fe000, 0x2000, 0x2000, 1), Assert.Single(config.Copies));
    }

    [Fact]
    public void Two_lines_are_a_redundant_environment_with_optional_sector_columns()
    {
        var config = UBootEnvironmentConfig.Parse("/dev/mmcblk0 4186112 0x2000 0x10000 2\n/dev/mmcblk0 0x3fe000 2000\n", "fw_env.config");

        Assert.True(config.Redundant);
        Assert.Equal(new UBootEnvironmentLocation("/dev/mmcblk0", 4186112, 0x2000, 0x10000, 2), config.Copies[0]);
        Assert.Equal(new UBootEnvironmentLocation("/dev/mmcblk0", 0x3fe000, 0x2000, 0x2000, 1), config.Copies[1]);
    }

    [Theory]
    [InlineData("0x100", 0x100)]
    [InlineData("256", 256)]
    [InlineData("0400", 256)]
    public void The_offset_is_a_c_integer(string offset, long expected)
    {
        Assert.Equal(expected, UBootEnvironmentConfig.Parse($"env.bin {offset} 0x1000\n", "c").Copies[0].Offset);
    }

    [Fact]
    public void Sizes_are_hexadecimal_even_without_0x_as_libubootenv_reads_them()
    {
        Assert.Equal(0x4000, UBootEnvironmentConfig.Parse("env.bin 0 4000\n", "c").Copies[0].Size);
    }

    [Theory]
    [InlineData("env.bin 0x0\n", "fw_env.config:1", "found 2 fields")]
    [InlineData("# comment\nenv.bin zz 0x1000\n", "fw_env.config:2", "offset 'zz'")]
    [InlineData("env.bin 0 0x1000 0x1000 1 9\n", "fw_env.config:1", "found 6 fields")]
    [InlineData("env.bin -16 0x1000\n", "fw_env.config:1", "offset '-16'")]
    [InlineData("env.bin 0 0xg000\n", "fw_env.config:1", "environment size '0xg000'")]
    [InlineData("env.bin 0 0x1000\nenv.bin 0x1000 0x1000\nenv.bin 0x2000 0x1000\n", "fw_env.config:3", "a third environment line")]
    [InlineData("env.bin 0 0x1000\nenv.bin 0x1000 0x2000\n", "fw_env.config", "different sizes")]
    [InlineData("/dev/mtd1 0 0x1000\n", "fw_env.config:1", "MTD")]
    [InlineData("# nothing\n", "fw_env.config", "no environment line")]
    public void Malformed_configurations_name_the_file_line_and_field(string text, string where, string what)
    {
        var error = Assert.Throws<BootControlException>(() => UBootEnvironmentConfig.Parse(text, "fw_env.config"));

        Assert.StartsWith(where + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }
}
