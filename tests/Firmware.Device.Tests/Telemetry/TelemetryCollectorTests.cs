using System.Text;
using System.Text.Json;
using Firmware.Device.Slots;
using Firmware.Device.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Telemetry;

[Trait("Category", "Unit")]
public sealed class TelemetryCollectorTests : IDisposable
{
    private static readonly EngineFacts Engine = new(SlotName.B, "1.4.0", 17);
    private readonly FakeSystem _system = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly TableFileSystemStats _disks = new(new() { ["/data"] = (1000, 400), ["/"] = (5000, 100) });

    public void Dispose() => _system.Dispose();

    private TelemetryCollector Collector(params string[] mounts) => new("dev1", mounts, _system.Roots, _disks, _clock);

    [Fact]
    public void A_sample_holds_every_reading_and_the_engine_facts()
    {
        _system.Write("sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
        _system.Write("sys/class/thermal/thermal_zone0/temp", "47250\n");
        _system.Write("sys/class/thermal/thermal_zone1/temp", "-5000\n");

        var sample = Collector("/data", "/").Collect(Engine);

        Assert.Equal((_clock.GetUtcNow(), "dev1", SlotName.B, "1.4.0", 17L), (sample.Time, sample.Device, sample.Slot, sample.Version, sample.BootCount));
        Assert.Equal(120.5, sample.UptimeSeconds);
        Assert.Null(sample.CpuPercent);
        Assert.Equal(new LoadAverage(0.52, 0.58, 0.59), sample.Load);
        Assert.Equal(1125244L * 1024, sample.Memory!.Value.AvailableBytes);
        Assert.Equal([new DiskUsage("/data", 1000, 400), new DiskUsage("/", 5000, 100)], sample.Disks);
        Assert.Equal([new ThermalReading("thermal_zone0", "cpu-thermal", 47.25), new ThermalReading("thermal_zone1", null, -5)], sample.Thermal);
        Assert.Equal("eth0", Assert.Single(sample.Network).Interface);
    }

    [Fact]
    public void Cpu_percent_is_the_delta_since_the_previous_sample()
    {
        var collector = Collector();
        collector.Collect(Engine);
        _system.Write("proc/stat", "cpu  4805 356 584 3999 23 0 12 0 0 0\n");

        Assert.Equal(25.0, collector.Collect(Engine).CpuPercent);
    }

    [Fact]
    public void Missing_files_thermal_zones_and_mounts_are_left_out_without_throwing()
    {
        _system.Write("sys/class/thermal/thermal_zone0/type", "broken\n");
        foreach (var file in new[] { "proc/stat", "proc/meminfo", "proc/loadavg", "proc/uptime", "proc/net/dev" })
        {
            _system.Delete(file);
        }

        var sample = Collector("/gone").Collect(Engine);

        Assert.Equal((null, null, null, null), (sample.UptimeSeconds, sample.CpuPercent, sample.Load, sample.Memory));
        Assert.Empty(sample.Disks);
        Assert.Empty(sample.Thermal);
        Assert.Empty(sample.Network);
    }

    [Fact]
    public void A_sample_allocates_little_beyond_the_sample_itself()
    {
        _system.Write("sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
        _system.Write("sys/class/thermal/thermal_zone0/temp", "47250\n");
        var collector = Collector("/data", "/");
        collector.Collect(Engine);

        var before = GC.GetAllocatedBytesForCurrentThread();
        collector.Collect(Engine);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The sample's records, lists and interface/zone names, plus a file handle per file read;
        // no per-read buffers, no strings per line, no regular expressions (about 1.5 KB here).
        Assert.InRange(allocated, 1, 4 * 1024);
    }

    [Fact]
    public void Serializes_compact_camel_case_json_without_nulls()
    {
        var json = JsonSerializer.Serialize(Collector("/data").Collect(Engine), TelemetryJsonContext.Default.TelemetrySample);

        Assert.StartsWith("""{"schema":1,"time":"2026-11-29T12:00:00+00:00","device":"dev1","slot":"B","version":"1.4.0","bootCount":17,"uptimeSeconds":120.5,"load":{"one":0.52,"five":0.58,"fifteen":0.59},"memory":{"totalBytes":""", json, StringComparison.Ordinal);
        Assert.Contains(""","disks":[{"mount":"/data","totalBytes":1000,"freeBytes":400}],"thermal":[],"network":[{"interface":"eth0","rxBytes":1215645,""", json, StringComparison.Ordinal);
        Assert.DoesNotContain("cpuPercent", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), TelemetryJsonContext.Default.TelemetrySample)!;
        Assert.Equal((SlotName.B, 17L), (back.Slot, back.BootCount));
    }
}

[Trait("Category", "Integration")]
public sealed class HostTelemetryTests
{
    [Fact]
    public void Reads_this_machine_through_proc_sys_and_statvfs()
    {
        var collector = new TelemetryCollector("host", ["/", "/nonexistent"], SystemRoots.Host, new StatvfsFileSystemStats(), TimeProvider.System);
        collector.Collect(new EngineFacts(SlotName.A, "0.0.0", 1));

        var sample = collector.Collect(new EngineFacts(SlotName.A, "0.0.0", 1));

        Assert.InRange(sample.CpuPercent!.Value, 0, 100);
        Assert.True(sample.Memory!.Value.TotalBytes > sample.Memory.Value.AvailableBytes);
        Assert.True(sample.UptimeSeconds > 0);
        var root = Assert.Single(sample.Disks);
        Assert.True(root.TotalBytes >= root.FreeBytes && root.FreeBytes > 0);
    }
}
