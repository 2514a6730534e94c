using System.Buffers;

namespace Firmware.Init.Status;

/// <summary>
/// The status table at <see cref="Path"/>, replaced atomically: written in full to
/// <c>services.tmp</c> beside it, then renamed over it (rename(2)), so a reader sees the old table
/// or the new one, never half of one. The file is 0644: services may read it, only the init writes.
/// </summary>
public sealed class StatusFile(string path) : IStatusPublisher
{
    /// <summary>The table's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public void Publish(IReadOnlyList<ServiceStatusEntry> table)
    {
        var bytes = new ArrayBufferWriter<byte>();
        StatusTableWriter.Write(bytes, table);
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, bytes.WrittenSpan);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, Path, overwrite: true);
    }
}
