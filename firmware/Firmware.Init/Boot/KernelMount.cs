namespace Firmware.Init.Boot;

/// <summary>A filesystem the init mounts at boot (mount(2)'s arguments; <paramref name="Target"/> as the device sees it).</summary>
public sealed record KernelMount(string Source, string Target, string Type, ulong Flags, string? Data)
{
    // MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_RELATIME (linux/mount.h).
    private const ulong NoSuid = 2, NoDev = 4, NoExec = 8, Relatime = 1 << 21;

    /// <summary>
    /// What the initramfs leaves to the init (docs/kernel.md mounts /dev, /proc, /sys, /run, /tmp
    /// and /data), with LinuxKit's options: the cgroup v2 hierarchy runc needs, devpts for
    /// terminals, /dev/shm for POSIX shared memory and /dev/mqueue for message queues.
    /// </summary>
    public static IReadOnlyList<KernelMount> Boot { get; } =
    [
        new("cgroup2", "/sys/fs/cgroup", "cgroup2", NoSuid | NoDev | NoExec | Relatime, null),
        new("devpts", "/dev/pts", "devpts", NoSuid | NoExec, "gid=5,mode=0620,ptmxmode=0666"),
        new("shm", "/dev/shm", "tmpfs", NoSuid | NoDev | NoExec, "mode=1777"),
        new("mqueue", "/dev/mqueue", "mqueue", NoSuid | NoDev | NoExec, null),
    ];
}
