namespace Firmware.Kernel.Cpio;

/// <summary>One entry of a cpio archive. Closed: a directory, a file, a symlink or a device node.</summary>
/// <param name="Path">The path inside the archive, relative and <c>/</c>-separated (<c>bin/busybox</c>).</param>
/// <param name="Permissions">The permission bits (<c>0755</c>); the file type comes from the subtype.</param>
public abstract record CpioEntry(string Path, int Permissions)
{
    /// <summary>The file type bits of <c>st_mode</c> (inode(7)).</summary>
    internal abstract int TypeBits { get; }

    /// <summary>The data the entry carries: file contents or symlink target.</summary>
    internal abstract ReadOnlyMemory<byte> Data { get; }
}

/// <summary>A directory.</summary>
public sealed record CpioDirectory(string Path, int Permissions = 0x1ED) : CpioEntry(Path, Permissions)
{
    internal override int TypeBits => 0x4000; // S_IFDIR 0040000
    internal override ReadOnlyMemory<byte> Data => ReadOnlyMemory<byte>.Empty;
}

/// <summary>A regular file and its contents.</summary>
public sealed record CpioFile(string Path, ReadOnlyMemory<byte> Contents, int Permissions = 0x1A4) : CpioEntry(Path, Permissions)
{
    internal override int TypeBits => 0x8000; // S_IFREG 0100000
    internal override ReadOnlyMemory<byte> Data => Contents;
}

/// <summary>A symbolic link; newc stores the target as the entry's data.</summary>
public sealed record CpioSymlink(string Path, string Target) : CpioEntry(Path, 0x1FF)
{
    internal override int TypeBits => 0xA000; // S_IFLNK 0120000
    internal override ReadOnlyMemory<byte> Data => System.Text.Encoding.UTF8.GetBytes(Target);
}

/// <summary>A character or block device node (<c>dev/console</c> is character 5:1).</summary>
public sealed record CpioDevice(string Path, bool Block, int Major, int Minor, int Permissions = 0x180) : CpioEntry(Path, Permissions)
{
    internal override int TypeBits => Block ? 0x6000 : 0x2000; // S_IFBLK 0060000, S_IFCHR 0020000
    internal override ReadOnlyMemory<byte> Data => ReadOnlyMemory<byte>.Empty;
}
