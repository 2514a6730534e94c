using Firmware.Device.Config;

namespace Firmware.Device.Telemetry;

/// <summary>
/// Takes telemetry samples straight from procfs and sysfs. Cheap by design: one reusable read
/// buffer, span parsers, paths built once. A reading the system does not offer (no thermal zones,
/// a mount that is gone) is left out of the sample; it never throws for that.
/// Not thread-safe: the CPU share is the delta since this collector's previous sample.
/// </summary>
public sealed class TelemetryCollector
{
    private readonly ProcFile _file = new();
    private readonly string _deviceId;
    private readonly IReadOnlyList<string> _mounts;
    private readonly IFileSystemStats _disks;
    private readonly TimeProvider _clock;
    private readonly string _stat, _loadavg, _meminfo, _uptime, _netdev;
    private readonly (string Zone, string Type, string Temp)[] _zones;
    private CpuTimes? _previousCpu;

    /// <summary>Creates a collector for <paramref name="deviceId"/> measuring <paramref name="mounts"/>.</summary>
    public TelemetryCollector(string deviceId, IReadOnlyList<string> mounts, SystemRoots roots, IFileSystemStats disks, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(clock);
        (_deviceId, _mounts, _disks, _clock) = (deviceId, mounts, disks, clock);
        _stat = Path.Combine(roots.Proc, "stat");
        _loadavg = Path.Combine(roots.Proc, "loadavg");
        _meminfo = Path.Combine(roots.Proc, "meminfo");
        _uptime = Path.Combine(roots.Proc, "uptime");
        _netdev = Path.Combine(roots.Proc, "net", "dev");
        _zones = ThermalZones(Path.Combine(roots.Sys, "class", "thermal"));
    }

    /// <summary>Creates a collector from agent.yml's device id and telemetry mounts.</summary>
    public TelemetryCollector(AgentConfig config, SystemRoots roots, IFileSystemStats disks, TimeProvider clock)
        : this((config ?? throw new ArgumentNullException(nameof(config))).DeviceId, config.Telemetry.Mounts, roots, disks, clock)
    {
    }

    /// <summary>Takes one sample; <paramref name="engine"/> supplies what only the update engine knows.</summary>
    public TelemetrySample Collect(EngineFacts engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        double? cpuPercent = null;
        if (_file.TryRead(_stat, out var stat) && ProcParsers.TryParseCpu(stat, out var cpu))
        {
            cpuPercent = _previousCpu is { } previous ? cpu.PercentSince(previous) : null;
            _previousCpu = cpu;
        }

        return new TelemetrySample
        {
            Time = _clock.GetUtcNow(),
            Device = _deviceId,
            Slot = engine.Slot,
            Version = engine.Version,
            BootCount = engine.BootCount,
            UptimeSeconds = _file.TryRead(_uptime, out var uptime) && ProcParsers.TryParseUptime(uptime, out var seconds) ? seconds : null,
            CpuPercent = cpuPercent,
            Load = _file.TryRead(_loadavg, out var loadavg) && ProcParsers.TryParseLoad(loadavg, out var load) ? load : null,
            Memory = _file.TryRead(_meminfo, out var meminfo) && ProcParsers.TryParseMemory(meminfo, out var memory) ? memory : null,
            Disks = Disks(),
            Thermal = Thermal(),
            Network = _file.TryRead(_netdev, out var netdev) && ProcParsers.TryParseNetwork(netdev, out var network) ? network : [],
        };
    }

    private DiskUsage[] Disks()
    {
        var disks = new List<DiskUsage>(_mounts.Count);
        foreach (var mount in _mounts)
        {
            if (_disks.TryGetSpace(mount, out var total, out var free))
            {
                disks.Add(new DiskUsage(mount, total, free));
            }
        }

        return [.. disks];
    }

    private ThermalReading[] Thermal()
    {
        if (_zones.Length == 0)
        {
            return [];
        }

        var readings = new List<ThermalReading>(_zones.Length);
        foreach (var (zone, typePath, tempPath) in _zones)
        {
            // temp is in millidegrees Celsius (Documentation/driver-api/thermal/sysfs-api.rst).
            if (!_file.TryRead(tempPath, out var temp) || !new AsciiFields(temp.TrimEnd("\n"u8)).TryNextInt64(out var millidegrees))
            {
                continue;
            }

            var type = _file.TryRead(typePath, out var name) ? System.Text.Encoding.UTF8.GetString(name.TrimEnd("\n"u8)) : null;
            readings.Add(new ThermalReading(zone, type, millidegrees / 1000.0));
        }

        return [.. readings];
    }

    private static (string, string, string)[] ThermalZones(string thermal)
    {
        try
        {
            return Directory.Exists(thermal)
                ? [.. Directory.EnumerateDirectories(thermal, "thermal_zone*").Order(StringComparer.Ordinal)
                    .Select(dir => (Path.GetFileName(dir), Path.Combine(dir, "type"), Path.Combine(dir, "temp")))]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
