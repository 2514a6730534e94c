using Firmware.Kernel.Modules;
using Firmware.Kernel.Tests.Support;

namespace Firmware.Kernel.Tests.Modules;

[Trait("Category", "Unit")]
public sealed class ModInfoReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_name_depends_and_soft_dependencies_in_both_byte_orders(bool bigEndian)
    {
        var elf = ElfBuilder.Module(bigEndian, "license=GPL", "softdep=pre: crc32c post: foo", "depends=mbcache,jbd2,crc16", "name=ext4", "vermagic=6.1.0 SMP");
        var info = ModInfoReader.Read(elf, "kernel/fs/ext4/ext4.ko");
        Assert.Equal("ext4", info.Name);
        Assert.Equal(["mbcache", "jbd2", "crc16"], info.Depends);
        Assert.Equal(["crc32c"], info.SoftPre);
    }

    [Fact]
    public void An_empty_depends_means_none_and_dashes_become_underscores()
    {
        var info = ModInfoReader.Read(ElfBuilder.Module(false, "depends=", "name=crc32c-intel"), "x.ko");
        Assert.Empty(info.Depends);
        Assert.Equal("crc32c_intel", info.Name);
    }

    [Theory]
    [Trait("Category", "Malformed")]
    [InlineData("not elf")]
    [InlineData("32-bit")]
    [InlineData("byte order")]
    [InlineData("table outside")]
    [InlineData("section outside")]
    [InlineData("no modinfo")]
    public void Rejects_malformed_modules(string how)
    {
        var elf = ElfBuilder.Module(false, "name=x");
        switch (how)
        {
            case "not elf": elf[1] = (byte)'X'; break;
            case "32-bit": elf[4] = 1; break;
            case "byte order": elf[5] = 9; break;
            case "table outside": elf[0x28] = 0xF0; elf[0x29] = 0xFF; break;
            case "section outside": elf[elf.Length - 128 + 0x21] = 0xFF; break; // .modinfo's sh_size
            default: elf[64 + "name=x\0".Length + 2] = (byte)'X'; break;            // ".mXdinfo" in .shstrtab
        }

        var error = Assert.Throws<KernelException>(() => ModInfoReader.Read(elf, "bad.ko"));
        Assert.Equal(KernelError.MalformedModule, error.Error);
        Assert.Equal("bad.ko", error.Entry);
    }
}
