using Firmware.Init.Boot;

namespace Firmware.Init.Shutdown;

/// <summary>The mount table and the calls that change it (mount(2), umount2(2), sync(2)).</summary>
public interface IFilesystems
{
    /// <summary>Mounts <paramref name="mount"/>, creating its mount point.</summary>
    /// <exception cref="IOException">The mount failed; the message says why.</exception>
    void Mount(KernelMount mount);

    /// <summary>The mounts, in mount order (/proc/self/mountinfo).</summary>
    IReadOnlyList<MountEntry> Read();

    /// <summary>Unmounts <paramref name="mountPoint"/>.</summary>
    /// <exception cref="IOException">It is busy or not a mount; the message says why.</exception>
    void Unmount(string mountPoint);

    /// <summary>Remounts <paramref name="mountPoint"/> read-only.</summary>
    /// <exception cref="IOException">The remount failed; the message says why.</exception>
    void RemountReadOnly(string mountPoint);

    /// <summary>Writes every dirty buffer out (sync(2)).</summary>
    void Sync();
}
