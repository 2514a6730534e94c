using Firmware.Image.Build.Grub;

namespace Firmware.Image.Build.Tests.Grub;

[Trait("Category", "Unit")]
public sealed class BoardGrubConfigTests
{
    [Fact]
    public void The_config_chooses_the_slot_with_ab_cfg_and_boots_its_kernel_from_its_partition()
    {
        var config = BoardGrubConfig.Create((2, "rootfs-a"), (3, "rootfs-b"), "EFI/fw/grubenv", "console=ttyS0 panic=5");
        Assert.Contains("set fw_env=($root)/EFI/fw/grubenv\nsource ($root)/EFI/fw/ab.cfg\n", config, StringComparison.Ordinal);
        Assert.Contains("    set fw_part=\"gpt3\"\n    set fw_label=\"rootfs-b\"\nelse\n    set fw_part=\"gpt2\"\n    set fw_label=\"rootfs-a\"\n", config, StringComparison.Ordinal);
        Assert.Contains("linux ($fw_disk,$fw_part)/boot/vmlinuz root=PARTLABEL=$fw_label fw.slot=$fw_boot_slot console=ttyS0 panic=5\n", config, StringComparison.Ordinal);
        Assert.Contains("initrd ($fw_disk,$fw_part)/boot/initramfs.img\nboot\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_config_finds_the_ESP_by_its_serial()
    {
        Assert.Equal("search --no-floppy --fs-uuid --set=root 1234-ABCD\nset prefix=($root)/EFI/fw\nsource ($root)/EFI/fw/grub.cfg\n",
            GrubEfiImage.EmbeddedConfig("1234-ABCD").Replace("\r", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("amd64", "x86_64-efi", "BOOTX64.EFI", "grub-efi-amd64-bin")]
    [InlineData("arm64", "arm64-efi", "BOOTAA64.EFI", "grub-efi-arm64-bin")]
    public void Each_architecture_has_its_GRUB_platform(string arch, string format, string bootFile, string package)
    {
        var target = GrubTarget.For(arch);
        Assert.Equal((format, bootFile, package), (target.Format, target.BootFile, target.DebianPackage));
        Assert.Equal("architecture", Assert.Throws<ArgumentException>(() => GrubTarget.For("riscv64")).ParamName);
    }
}
