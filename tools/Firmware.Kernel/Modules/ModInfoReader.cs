using System.Buffers.Binary;
using System.Text;

namespace Firmware.Kernel.Modules;

/// <summary>
/// Reads the <c>.modinfo</c> section of a kernel module (an ELF64 relocatable object, either byte
/// order). The section is a run of NUL-terminated <c>key=value</c> strings written by modpost;
/// <c>depends=</c> is the same list depmod(8) derives from symbol references.
/// </summary>
public static class ModInfoReader
{
    /// <summary>Decodes <paramref name="elf"/>'s <c>.modinfo</c>.</summary>
    /// <param name="elf">The whole module file, uncompressed.</param>
    /// <param name="entry">The module's path, for messages.</param>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedModule"/>.</exception>
    public static ModInfo Read(ReadOnlySpan<byte> elf, string entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        var section = FindModInfo(elf, entry);
        string? name = null;
        var depends = new List<string>();
        var softPre = new List<string>();
        foreach (var range in section.Split((byte)0))
        {
            var text = Encoding.UTF8.GetString(section[range]);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var (key, value) = (text[..equals], text[(equals + 1)..]);
            switch (key)
            {
                case "name":
                    name = ModuleName.Normalize(value);
                    break;
                case "depends":
                    depends.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ModuleName.Normalize));
                    break;
                case "softdep":
                    softPre.AddRange(SoftDependencies(value));
                    break;
            }
        }

        return new ModInfo(name, depends, softPre);
    }

    // "pre: a b post: c": the names after "pre:" up to the next "post:" (modprobe.d(5)).
    internal static IEnumerable<string> SoftDependencies(string value)
    {
        var pre = false;
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.EndsWith(':'))
            {
                pre = word == "pre:";
            }
            else if (pre)
            {
                yield return ModuleName.Normalize(word);
            }
        }
    }

    private static ReadOnlySpan<byte> FindModInfo(ReadOnlySpan<byte> elf, string entry)
    {
        if (elf.Length < ElfFields.HeaderLength || !elf.StartsWith(ElfFields.Magic))
        {
            throw Malformed("not an ELF file", entry);
        }

        if (elf[ElfFields.ClassOffset] != ElfFields.Class64)
        {
            throw Malformed("not a 64-bit ELF object", entry);
        }

        var big = elf[ElfFields.DataOffset] switch
        {
            ElfFields.DataLittle => false,
            ElfFields.DataBig => true,
            _ => throw Malformed("unknown ELF byte order", entry),
        };

        var tableOffset = U64(elf, ElfFields.SectionTableOffset, big);
        var entrySize = U16(elf, ElfFields.SectionEntrySizeOffset, big);
        var count = U16(elf, ElfFields.SectionCountOffset, big);
        var namesIndex = U16(elf, ElfFields.SectionNamesIndexOffset, big);
        if (entrySize < ElfFields.SectionHeaderLength || namesIndex >= count
            || tableOffset > (ulong)elf.Length || (ulong)count * entrySize > (ulong)elf.Length - tableOffset)
        {
            throw Malformed("the section header table lies outside the file", entry);
        }

        var table = elf.Slice((int)tableOffset, count * entrySize);
        var names = SectionData(elf, table.Slice(namesIndex * entrySize, entrySize), big, entry);
        for (var i = 0; i < count; i++)
        {
            var header = table.Slice(i * entrySize, entrySize);
            var nameOffset = U32(header, ElfFields.SectionNameOffset, big);
            if (nameOffset < names.Length && names[(int)nameOffset..].StartsWith(".modinfo\0"u8))
            {
                return SectionData(elf, header, big, entry);
            }
        }

        throw Malformed("the module has no .modinfo section", entry);
    }

    private static ReadOnlySpan<byte> SectionData(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> header, bool big, string entry)
    {
        var type = U32(header, ElfFields.SectionTypeOffset, big);
        if (type == ElfFields.SectionTypeNoBits)
        {
            return [];
        }

        var offset = U64(header, ElfFields.SectionFileOffset, big);
        var size = U64(header, ElfFields.SectionSizeOffset, big);
        if (offset > (ulong)elf.Length || size > (ulong)elf.Length - offset)
        {
            throw Malformed($"a section ({offset}+{size}) lies outside the file", entry);
        }

        return elf.Slice((int)offset, (int)size);
    }

    private static ulong U64(ReadOnlySpan<byte> span, int offset, bool big) =>
        big ? BinaryPrimitives.ReadUInt64BigEndian(span[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);

    private static uint U32(ReadOnlySpan<byte> span, int offset, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(span[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);

    private static ushort U16(ReadOnlySpan<byte> span, int offset, bool big) =>
        big ? BinaryPrimitives.ReadUInt16BigEndian(span[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);

    private static KernelException Malformed(string message, string entry) => new(KernelError.MalformedModule, message, entry: entry);
}
