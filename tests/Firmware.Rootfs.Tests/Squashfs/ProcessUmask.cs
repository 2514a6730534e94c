namespace Firmware.Rootfs.Tests.Squashfs;

/// <summary>
/// Tests that change the process umask run alone: every program another test starts meanwhile
/// (umoci, mksquashfs) would inherit it and create files with other modes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessUmask
{
    public const string Name = "process umask";
}
