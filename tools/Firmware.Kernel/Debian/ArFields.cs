namespace Firmware.Kernel.Debian;

/// <summary>
/// The common <c>ar</c> layout (as written by GNU ar and dpkg-deb, see deb(5) and ar(5)): an
/// 8-byte global magic, then per member a 60-byte ASCII header, the data, and one <c>\n</c>
/// pad byte when the size is odd. Header fields are space-padded decimal (mode: octal).
/// </summary>
internal static class ArFields
{
    public static ReadOnlySpan<byte> GlobalMagic => "!<arch>\n"u8;
    public static ReadOnlySpan<byte> HeaderEnd => "`\n"u8;

    public const int NameOffset = 0;
    public const int NameLength = 16;
    public const int MtimeOffset = NameOffset + NameLength;
    public const int MtimeLength = 12;
    public const int UidOffset = MtimeOffset + MtimeLength;
    public const int UidLength = 6;
    public const int GidOffset = UidOffset + UidLength;
    public const int GidLength = 6;
    public const int ModeOffset = GidOffset + GidLength;
    public const int ModeLength = 8;
    public const int SizeOffset = ModeOffset + ModeLength;
    public const int SizeLength = 10;
    public const int EndOffset = SizeOffset + SizeLength;
    public const int EndLength = 2;
    public const int HeaderLength = EndOffset + EndLength;
}
