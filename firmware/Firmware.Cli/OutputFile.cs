namespace Firmware.Cli;

/// <summary>
/// Creates an output file atomically: the content goes to a temporary file beside the target,
/// is flushed to disk, and is renamed over the target only when complete. A failure part-way
/// leaves no file, and never a half-written one.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="overwrite">Replace an existing file; otherwise an existing file is an error.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="mode">Unix permissions of the new file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(string path, bool overwrite, Func<Stream, Task> write,
        UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{path} exists; refusing to overwrite it");
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode, BufferSize = 1 << 20 };
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && File.Exists(full))
            {
                throw new IOException($"{path} appeared while it was being written; refusing to overwrite it");
            }

            File.Move(temporary, full, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
