using Firmware.Device.Telemetry;

namespace Firmware.Device.Tests.Telemetry;

/// <summary>A procfs and sysfs tree of captured files in a scratch directory.</summary>
internal sealed class FakeSystem : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public FakeSystem()
    {
        Roots = new SystemRoots(_scratch.Of("proc"), _scratch.Of("sys"));
        Write("proc/stat", ProcParsersTests.Stat);
        Write("proc/meminfo", ProcParsersTests.Meminfo);
        Write("proc/loadavg", "0.52 0.58 0.59 1/389 12345\n");
        Write("proc/uptime", "120.50 200.00\n");
        Write("proc/net/dev", ProcParsersTests.NetDev);
    }

    public SystemRoots Roots { get; }

    public void Write(string relative, string text)
    {
        var path = _scratch.Of(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relative) => File.Delete(_scratch.Of(relative));

    public void Dispose() => _scratch.Dispose();
}

/// <summary>Disk space from a table, for mounts that exist only in the test.</summary>
internal sealed class TableFileSystemStats(Dictionary<string, (long Total, long Free)> table) : IFileSystemStats
{
    public bool TryGetSpace(string path, out long totalBytes, out long freeBytes)
    {
        var found = table.TryGetValue(path, out var space);
        (totalBytes, freeBytes) = space;
        return found;
    }
}
