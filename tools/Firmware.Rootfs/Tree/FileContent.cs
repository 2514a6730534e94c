namespace Firmware.Rootfs.Tree;

/// <summary>The identity of a regular file's bytes in the <see cref="ContentStore"/>.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes; also the staged file's name.</param>
/// <param name="Length">Length in bytes.</param>
public sealed record FileContent(string Sha256, long Length);
