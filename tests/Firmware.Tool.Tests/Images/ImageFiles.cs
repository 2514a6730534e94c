using System.Security.Cryptography;

namespace Firmware.Tool.Tests.Images;

/// <summary>Reading built disk images in tests: a partition's bytes copied out, a file's SHA-256.</summary>
internal static class ImageFiles
{
    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="image"/> to <paramref name="target"/>.</summary>
    public static string Extract(string image, long offset, long length, string target)
    {
        using var source = File.OpenRead(image);
        using var output = File.Create(target);
        source.Position = offset;
        var buffer = new byte[length];
        source.ReadExactly(buffer);
        output.Write(buffer);
        return target;
    }

    /// <summary>The file's SHA-256, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
