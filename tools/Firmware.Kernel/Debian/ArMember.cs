namespace Firmware.Kernel.Debian;

/// <summary>One member of an <c>ar</c> archive: its name, its size, and its bytes as a read-once stream.</summary>
/// <param name="Name">The member name, with the trailing <c>/</c> of GNU ar removed.</param>
/// <param name="Size">The data size in bytes.</param>
/// <param name="Content">The member's bytes; valid until the reader moves to the next member.</param>
public sealed record ArMember(string Name, long Size, Stream Content);
