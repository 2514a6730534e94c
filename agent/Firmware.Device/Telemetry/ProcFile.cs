using Microsoft.Win32.SafeHandles;

namespace Firmware.Device.Telemetry;

/// <summary>
/// Reads small procfs and sysfs files into one reusable buffer. Those files report a size of 0 and
/// are generated on read, so they are read until end of file in as few calls as possible.
/// Not thread-safe: one per collector.
/// </summary>
internal sealed class ProcFile
{
    private byte[] _buffer = new byte[4096];

    /// <summary>The file's bytes, valid until the next read; false when the file does not exist or cannot be read.</summary>
    public bool TryRead(string path, out ReadOnlySpan<byte> content)
    {
        content = default;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        using (handle)
        {
            var length = 0;
            try
            {
                int read;
                while ((read = RandomAccess.Read(handle, _buffer.AsSpan(length), length)) > 0)
                {
                    length += read;
                    if (length == _buffer.Length)
                    {
                        Array.Resize(ref _buffer, _buffer.Length * 2);
                    }
                }
            }
            catch (IOException)
            {
                // A sensor that is present but fails to read (EIO, ENODATA from some thermal drivers).
                return false;
            }

            content = _buffer.AsSpan(0, length);
            return true;
        }
    }
}
