namespace Firmware.Device.Slots;

/// <summary>Where procfs, sysfs and devtmpfs are mounted; tests point them at scratch trees.</summary>
/// <param name="Proc">procfs (/proc).</param>
/// <param name="Sys">sysfs (/sys).</param>
/// <param name="Dev">devtmpfs (/dev); configured paths under /dev are read below this root.</param>
/// <param name="MountTable">The mount table to read under <paramref name="Proc"/>: "self/mountinfo", or
/// "1/mountinfo" to see the host's mounts from an agent in its own mount namespace (a system container).</param>
public sealed record SystemRoots(string Proc = "/proc", string Sys = "/sys", string Dev = "/dev", string MountTable = "self/mountinfo")
{
    /// <summary>The real roots of the running system.</summary>
    public static SystemRoots Host { get; } = new();

    /// <summary>Maps a configured path under /dev to the same path under <see cref="Dev"/>.</summary>
    public string MapDevice(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path.StartsWith("/dev/", StringComparison.Ordinal) ? System.IO.Path.Combine(Dev, path["/dev/".Length..]) : path;
    }
}
