namespace Firmware.Image.Spec;

/// <summary>
/// Linux capability names, in kernel number order (include/uapi/linux/capability.h, up to
/// CAP_CHECKPOINT_RESTORE = 40, Linux 5.9). LinuxKit checks names against the same list
/// (moby/sys/capability), and <c>all</c> expands to it.
/// </summary>
internal static class LinuxCapabilities
{
    /// <summary>Every capability, in number order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a capability, spelled as the kernel headers spell it.</summary>
    public static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>Whether a list is the single word <c>all</c> or <c>none</c>, which LinuxKit accepts in any case.</summary>
    public static bool IsKeyword(IReadOnlyList<string> list, string keyword) =>
        list.Count == 1 && string.Equals(list[0], keyword, StringComparison.OrdinalIgnoreCase);
}
