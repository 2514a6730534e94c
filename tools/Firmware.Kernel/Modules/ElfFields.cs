namespace Firmware.Kernel.Modules;

/// <summary>
/// The ELF64 fields a module's <c>.modinfo</c> lookup needs (System V ABI, "ELF Header" and
/// "Sections"; elf(5)). Byte order is the file's own, from <c>e_ident[EI_DATA]</c>.
/// </summary>
internal static class ElfFields
{
    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];
    public const int ClassOffset = 4;        // e_ident[EI_CLASS]
    public const byte Class64 = 2;           // ELFCLASS64
    public const int DataOffset = 5;         // e_ident[EI_DATA]
    public const byte DataLittle = 1;        // ELFDATA2LSB
    public const byte DataBig = 2;           // ELFDATA2MSB
    public const int SectionTableOffset = 0x28; // e_shoff, 8 bytes
    public const int SectionEntrySizeOffset = 0x3A; // e_shentsize, 2 bytes
    public const int SectionCountOffset = 0x3C;     // e_shnum, 2 bytes
    public const int SectionNamesIndexOffset = 0x3E; // e_shstrndx, 2 bytes
    public const int HeaderLength = 0x40;

    // Elf64_Shdr
    public const int SectionNameOffset = 0x00;   // sh_name, 4 bytes: offset into the section-name table
    public const int SectionTypeOffset = 0x04;   // sh_type, 4 bytes
    public const int SectionFileOffset = 0x18;   // sh_offset, 8 bytes
    public const int SectionSizeOffset = 0x20;   // sh_size, 8 bytes
    public const int SectionHeaderLength = 0x40;
    public const uint SectionTypeNoBits = 8;     // SHT_NOBITS: occupies no file bytes
}
