using Firmware.Image.Spec;

namespace Firmware.Image.Build;

/// <summary>A <c>files:</c> entry with its owner resolved to numbers and its host source read.</summary>
/// <param name="Entry">The spec entry.</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="Contents">The bytes to write for a file entry; null for directories and symlinks, and for an optional source that is missing.</param>
public sealed record PlannedFile(FileEntry Entry, int Uid, int Gid, byte[]? Contents);
