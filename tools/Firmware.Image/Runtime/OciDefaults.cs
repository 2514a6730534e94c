using Firmware.Image.Runtime.Oci;

namespace Firmware.Image.Runtime;

/// <summary>
/// The defaults every system container starts from. Mounts and their options are LinuxKit's
/// (ConfigToOCI in src/cmd/linuxkit/moby/config.go, which follows Docker's); /dev/shm and
/// /dev/mqueue, which LinuxKit leaves out, and the masked and read-only paths are runc's
/// (<c>runc spec</c>, libcontainer/specconv/example.go) — see docs/image-spec.md, "Differences".
/// </summary>
internal static class OciDefaults
{
    /// <summary>The runtime-spec version written into config.json.</summary>
    public const string OciVersion = "1.0.2";

    /// <summary>Where LinuxKit mounts a named volume's contents (moby/config.go, volumeMergedDir).</summary>
    public static string VolumePath(string name) => $"/containers/volumes/{name}/merged";

    /// <summary>The default mounts; <paramref name="readOnly"/> makes /dev and /sys read-only as LinuxKit does.</summary>
    public static IEnumerable<OciMount> Mounts(bool readOnly)
    {
        yield return Mount("/proc", "proc", "proc", "nosuid", "nodev", "noexec", "relatime");
        yield return Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k", .. ReadOnly(readOnly)]);
        yield return Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620");
        yield return Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
        yield return Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        yield return Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", .. ReadOnly(readOnly)]);
        yield return Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro");
    }

    /// <summary>Paths made unreadable unless the container holds CAP_SYS_ADMIN (which could undo the mask anyway).</summary>
    public static IReadOnlyList<string> MaskedPaths { get; } =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ];

    /// <summary>Paths made read-only unless the container holds CAP_SYS_ADMIN.</summary>
    public static IReadOnlyList<string> ReadonlyPaths { get; } =
    [
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    ];

    /// <summary>The options of a bind written without options (LinuxKit's default).</summary>
    public static IReadOnlyList<string> BindOptions { get; } = ["rw", "rbind", "rshared"];

    private static string[] ReadOnly(bool readOnly) => readOnly ? ["ro"] : [];

    private static OciMount Mount(string destination, string type, string source, params string[] options) =>
        new() { Destination = destination, Type = type, Source = source, Options = options };
}
