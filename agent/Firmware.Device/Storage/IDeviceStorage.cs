namespace Firmware.Device.Storage;

/// <summary>
/// The files the agent keeps on the device (the data partition, the boot state file, image-file
/// slots), behind one small interface so that tests can put a power-cut model underneath.
/// </summary>
/// <remarks>
/// The durability contract every implementation keeps, and the update engine relies on:
/// <list type="bullet">
/// <item>Bytes written to a stream are durable only once <see cref="Stream.Flush()"/> has returned
/// (it is an fsync, not a buffer flush). A power cut may drop or garble anything written since.</item>
/// <item><see cref="Replace"/> is atomic: after a power cut the destination holds either its old
/// content or the complete source, never a mix. Callers flush the source before replacing.</item>
/// </list>
/// Names are paths: relative ones resolve under the implementation's root, absolute ones are used as given.
/// </remarks>
public interface IDeviceStorage
{
    /// <summary>True when the file exists.</summary>
    bool Exists(string name);

    /// <summary>Opens a file for reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    Stream OpenRead(string name);

    /// <summary>Opens a file for reading and writing, creating it (empty) when it does not exist. The stream is seekable.</summary>
    Stream OpenWrite(string name);

    /// <summary>Atomically renames <paramref name="source"/> over <paramref name="destination"/>.</summary>
    void Replace(string source, string destination);

    /// <summary>Deletes a file; a missing file is not an error.</summary>
    void Delete(string name);
}
