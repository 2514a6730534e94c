using System.Text.Json;

namespace Firmware.Fleet.Controller.Devices;

/// <summary>
/// The figures of one telemetry sample (docs/agent.md, "Telemetry") the controller keeps, and its
/// verdict. A reading the sample lacks is null and judged by the others.
/// </summary>
public sealed record HealthSummary
{
    /// <summary>When the sample was taken.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The verdict against the limits.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>Why it is bad, when it is.</summary>
    public string? Problem { get; init; }

    /// <summary>CPU busy share, percent.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>MemAvailable / MemTotal.</summary>
    public double? MemoryAvailable { get; init; }

    /// <summary>The least free share over the reported mounts.</summary>
    public double? DiskFree { get; init; }

    /// <summary>The hottest thermal zone.</summary>
    public double? MaxCelsius { get; init; }

    /// <summary>The firmware version the sample reports.</summary>
    public string? Version { get; init; }

    /// <summary>Judges <paramref name="sample"/>; null when it has no readable <c>time</c> (samples are deduplicated by it).</summary>
    public static HealthSummary? FromSample(JsonElement sample, HealthLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!sample.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.String || !time.TryGetDateTimeOffset(out var taken))
        {
            return null;
        }

        var cpu = Number(sample, "cpuPercent");
        var memory = Share(sample.TryGetProperty("memory", out var m) ? m : default, "availableBytes", "totalBytes");
        var disk = Items(sample, "disks").Select(d => Share(d, "freeBytes", "totalBytes")).Min();
        var celsius = Items(sample, "thermal").Select(z => Number(z, "celsius")).Max();
        var problem = memory < limits.MinMemoryAvailable ? $"memory available {memory:P0}"
            : disk < limits.MinDiskFree ? $"disk free {disk:P0}"
            : celsius > limits.MaxCelsius ? $"{celsius:0.#} °C"
            : cpu > limits.MaxCpuPercent ? $"CPU {cpu:0.#}%"
            : null;
        return new HealthSummary
        {
            Time = taken,
            Status = problem is null ? HealthStatus.Good : HealthStatus.Bad,
            Problem = problem,
            CpuPercent = cpu,
            MemoryAvailable = memory,
            DiskFree = disk,
            MaxCelsius = celsius,
            Version = sample.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null,
        };
    }

    private static double? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    // part / whole of two readings of one object; null when either is missing or the whole is 0.
    private static double? Share(JsonElement parent, string part, string whole) =>
        Number(parent, whole) is { } w && w > 0 && Number(parent, part) is { } p ? p / w : null;

    private static List<JsonElement> Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];
}
