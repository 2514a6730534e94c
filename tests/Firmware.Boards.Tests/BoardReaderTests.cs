using Firmware.Yaml;

namespace Firmware.Boards.Tests;

[Trait("Category", "Malformed")]
public sealed class BoardReaderTests
{
    private const string Valid = """
        name: test
        architecture: amd64
        compatible: test-board
        bootloader: { backend: grub, environment: /boot/efi/EFI/fw/grubenv }
        disk:
          partitions:
            - { name: esp, role: esp, size: 32M }
            - { name: rootfs-a, role: root-a, size: 64M }
            - { name: rootfs-b, role: root-b, size: 64M }
        kernel: { console: ttyS0 }
        """;

    [Fact]
    public void A_minimal_board_takes_defaults()
    {
        var board = BoardReader.Parse(Valid, "board.yml");

        Assert.Equal(3, board.Bootloader.Tries);
        Assert.Equal(512, board.Disk.SectorSize);
        Assert.Null(board.Disk.SizeBytes);
        Assert.Equal("", board.Kernel.Cmdline);
        Assert.Empty(board.Kernel.Modules);
    }

    [Theory]
    [InlineData("architecture: amd64", "architecture: riscv64", YamlError.InvalidValue, 2, "architecture")]
    [InlineData("compatible: test-board", "compatibel: test-board", YamlError.UnknownKey, 3, "compatibel")]
    [InlineData("backend: grub", "backend: lilo", YamlError.InvalidValue, 4, "bootloader.backend")]
    [InlineData("environment: /boot/efi/EFI/fw/grubenv", "environment: grubenv", YamlError.InvalidValue, 4, "bootloader.environment")]
    [InlineData("{ backend: grub,", "{ tries: 0, backend: grub,", YamlError.InvalidValue, 4, "bootloader.tries")]
    [InlineData("role: root-b, size: 64M", "role: root-b, size: 96M", YamlError.InvalidValue, 6, "disk.partitions")]
    [InlineData("role: root-b", "role: root-a", YamlError.InvalidValue, 6, "disk.partitions")]
    [InlineData("name: rootfs-b,", "name: rootfs-a,", YamlError.InvalidValue, 6, "disk.partitions")]
    [InlineData("role: esp, size: 32M", "role: esp, size: 32MB", YamlError.InvalidValue, 7, "disk.partitions[0].size")]
    [InlineData("role: esp, size: 32M", "role: esp", YamlError.MissingKey, 7, "disk.partitions[0].size")]
    [InlineData("role: esp, size: 32M", "role: esp, size: 32M, type: ntfs", YamlError.InvalidValue, 7, "disk.partitions[0].type")]
    [InlineData("kernel: { console: ttyS0 }", "kernel: { cmdline: quiet }", YamlError.MissingKey, 10, "kernel.console")]
    [InlineData("name: test", "name: Test Board", YamlError.InvalidValue, 1, "name")]
    public void Bad_boards_name_the_line_and_key(string find, string replace, YamlError error, int line, string key)
    {
        var yaml = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var exception = Assert.Throws<YamlConfigException>(() => BoardReader.Parse(yaml, "board.yml"));

        Assert.Equal(error, exception.Error);
        Assert.Equal(line, exception.Line);
        Assert.Equal(key, exception.Key);
    }

    [Fact]
    public void Tryboot_needs_boot_partitions_and_exactly_one_try()
    {
        var tryboot = Valid.Replace("backend: grub", "backend: tryboot", StringComparison.Ordinal);

        Assert.Contains("boot-a and boot-b", Assert.Throws<YamlConfigException>(() => BoardReader.Parse(tryboot, "board.yml")).Message, StringComparison.Ordinal);
        Assert.Contains("exactly once", Assert.Throws<YamlConfigException>(() => BoardReader.Parse(tryboot.Replace("{ backend", "{ tries: 3, backend", StringComparison.Ordinal), "board.yml")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_last_partition_of_a_sized_disk_may_omit_its_size()
    {
        var sized = Valid.Replace("disk:\n", "disk:\n  size: 1G\n", StringComparison.Ordinal)
            .Replace("role: root-b, size: 64M }", "role: root-b, size: 64M }\n    - { name: data, role: data }", StringComparison.Ordinal);

        var board = BoardReader.Parse(sized, "board.yml");

        Assert.Null(board.Disk.Find(PartitionRole.Data)!.SizeBytes);
        Assert.Equal(1L << 30, board.Disk.SizeBytes);
    }
}
