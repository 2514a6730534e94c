using Firmware.Signing;

namespace Firmware.Tool.Authoring;

/// <summary>Creates key pairs on disk: <c>NAME.key</c> (PKCS#8 PEM, mode 0600) and <c>NAME.pub</c> (SPKI PEM).</summary>
public static class KeyPairFiles
{
    /// <summary>Generates a key pair at <paramref name="basePath"/> (<c>DIR/NAME</c>).</summary>
    /// <returns>The paths written and the key id.</returns>
    /// <exception cref="IOException">Either file exists (nothing is written) or cannot be created.</exception>
    public static (string PrivatePath, string PublicPath, string KeyId) Generate(string basePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(basePath);
        var privatePath = basePath + ".key";
        var publicPath = basePath + ".pub";
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"{path} exists; refusing to overwrite a key");
            }
        }

        using var key = SigningKey.Generate();
        Write(privatePath, key.ExportPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            Write(publicPath, key.PublicKey.ExportPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch
        {
            File.Delete(privatePath);
            throw;
        }

        return (privatePath, publicPath, key.KeyId);
    }

    private static void Write(string path, byte[] content, UnixFileMode mode)
    {
        // CreateNew with the mode set at creation: the private key is never readable by others, not even briefly.
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
