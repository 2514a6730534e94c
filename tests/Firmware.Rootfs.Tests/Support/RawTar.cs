using System.Text;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>Edits tar headers in place, for entries System.Formats.Tar refuses to write.</summary>
public static class RawTar
{
    private const int TypeFlagOffset = 156;
    private const int ChecksumOffset = 148;

    public static void SetTypeFlag(byte[] tar, int headerOffset, char typeFlag)
    {
        tar[headerOffset + TypeFlagOffset] = (byte)typeFlag;
        var header = tar.AsSpan(headerOffset, 512);
        header.Slice(ChecksumOffset, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header.Slice(ChecksumOffset, 8));
    }
}
