namespace Firmware.Kernel.Cpio;

/// <summary>
/// The SVR4 "newc" cpio header (cpio(5); the kernel's Documentation/driver-api/early-userspace/
/// buffer-format.rst): the magic <c>070701</c>, then 13 fields of 8 ASCII hex digits, then the
/// name with its NUL (counted in namesize), padded so header plus name is a multiple of 4; the
/// data follows, padded to a multiple of 4. The archive ends with an entry named <c>TRAILER!!!</c>.
/// </summary>
internal static class CpioNewcFields
{
    public static ReadOnlySpan<byte> Magic => "070701"u8;
    public const int FieldLength = 8;
    public const int Inode = 0;
    public const int Mode = 1;
    public const int Uid = 2;
    public const int Gid = 3;
    public const int Links = 4;
    public const int Mtime = 5;
    public const int FileSize = 6;
    public const int DevMajor = 7;
    public const int DevMinor = 8;
    public const int RdevMajor = 9;
    public const int RdevMinor = 10;
    public const int NameSize = 11;
    public const int Check = 12;
    public const int FieldCount = 13;
    public const int HeaderLength = 6 + (FieldCount * FieldLength); // 110
    public const int Alignment = 4;
    public const string Trailer = "TRAILER!!!";
}
