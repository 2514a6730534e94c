namespace Firmware.Image.Build;

/// <summary>What a root filesystem build wrote.</summary>
/// <param name="Directory">The output directory.</param>
/// <param name="Squashfs">The squashfs image (<see cref="RootfsExecutor.SquashfsName"/>).</param>
/// <param name="Listing">The content listing (<see cref="RootfsExecutor.ListingName"/>).</param>
/// <param name="Lock">The resolved images (<see cref="RootfsExecutor.LockName"/>).</param>
/// <param name="SquashfsBytes">The image's size.</param>
/// <param name="SquashfsSha256">The image's SHA-256, lower-case hex.</param>
/// <param name="Entries">How many names the tree has.</param>
public sealed record RootfsBuildResult(string Directory, string Squashfs, string Listing, string Lock, long SquashfsBytes, string SquashfsSha256, int Entries);
