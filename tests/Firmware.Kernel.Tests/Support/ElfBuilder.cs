using System.Buffers.Binary;
using System.Text;

namespace Firmware.Kernel.Tests.Support;

/// <summary>Builds a minimal ELF64 relocatable object with a .modinfo section (System V ABI layout), in either byte order.</summary>
public static class ElfBuilder
{
    public static byte[] Module(bool bigEndian, params string[] modinfo)
    {
        var info = Encoding.ASCII.GetBytes(string.Concat(modinfo.Select(s => s + "\0")));
        var names = "\0.modinfo\0.shstrtab\0"u8.ToArray();
        var infoOffset = 64;
        var namesOffset = infoOffset + info.Length;
        var tableOffset = (namesOffset + names.Length + 7) & ~7;
        var elf = new byte[tableOffset + (3 * 64)];
        "\x7F"u8.CopyTo(elf);
        "ELF"u8.CopyTo(elf.AsSpan(1));
        elf[4] = 2;
        elf[5] = (byte)(bigEndian ? 2 : 1);
        elf[6] = 1;
        U16(elf, 0x10, 1, bigEndian); // ET_REL
        U64(elf, 0x28, (ulong)tableOffset, bigEndian);
        U16(elf, 0x34, 64, bigEndian);
        U16(elf, 0x3A, 64, bigEndian);
        U16(elf, 0x3C, 3, bigEndian);
        U16(elf, 0x3E, 2, bigEndian);
        info.CopyTo(elf, infoOffset);
        names.CopyTo(elf, namesOffset);
        Section(elf, tableOffset + 64, name: 1, type: 1, (ulong)infoOffset, (ulong)info.Length, bigEndian);
        Section(elf, tableOffset + 128, name: 10, type: 3, (ulong)namesOffset, (ulong)names.Length, bigEndian);
        return elf;
    }

    private static void Section(byte[] elf, int at, uint name, uint type, ulong offset, ulong size, bool big)
    {
        U32(elf, at, name, big);
        U32(elf, at + 4, type, big);
        U64(elf, at + 0x18, offset, big);
        U64(elf, at + 0x20, size, big);
    }

    private static void U16(byte[] b, int at, ushort v, bool big)
    {
        if (big) { BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v); }
    }

    private static void U32(byte[] b, int at, uint v, bool big)
    {
        if (big) { BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v); }
    }

    private static void U64(byte[] b, int at, ulong v, bool big)
    {
        if (big) { BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(at), v); } else { BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v); }
    }
}
