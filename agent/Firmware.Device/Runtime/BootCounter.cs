using System.Globalization;
using System.Text;
using Firmware.Device.IO;

namespace Firmware.Device.Runtime;

/// <summary>
/// Counts the device's boots for telemetry and the birth message: the kernel's boot id
/// (<c>/proc/sys/kernel/random/boot_id</c>, new at every boot) is compared with the one recorded in
/// <c>DATA/boot-count</c>, so restarting the agent does not count as a boot. Where procfs has no
/// boot id (a simulated device), every start counts.
/// </summary>
public static class BootCounter
{
    private const string File = "boot-count";

    /// <summary>Counts this boot if it is new, and returns the count.</summary>
    public static long Count(string dataDirectory, SystemRoots roots)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(roots);
        var idPath = Path.Combine(roots.Proc, "sys", "kernel", "random", "boot_id");
        var bootId = System.IO.File.Exists(idPath) ? System.IO.File.ReadAllText(idPath).Trim() : "";
        var path = Path.Combine(dataDirectory, File);
        var recorded = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path).Split(' ', 2, StringSplitOptions.TrimEntries) : [];
        var count = recorded.Length > 0 && long.TryParse(recorded[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (bootId.Length > 0 && recorded.Length == 2 && recorded[1] == bootId)
        {
            return count;
        }

        count++;
        Directory.CreateDirectory(dataDirectory);
        DurableFile.Replace(path, Encoding.ASCII.GetBytes($"{count.ToString(CultureInfo.InvariantCulture)} {bootId}\n"));
        return count;
    }
}
