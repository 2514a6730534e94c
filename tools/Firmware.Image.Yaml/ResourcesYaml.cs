using YamlDotNet.Serialization;

namespace Firmware.Image.Yaml;

// cgroup resource limits: LinuxKit's "resources" definition (schema.go), which is the OCI
// runtime-spec's linux.resources (config-linux.md) with "blockio" spelled in lower case.

/// <summary>The <c>resources:</c> mapping.</summary>
internal sealed class ResourcesYaml
{
    [YamlMember(Alias = "devices")]
    public List<DeviceCgroupYaml>? Devices { get; set; }

    [YamlMember(Alias = "memory")]
    public MemoryYaml? Memory { get; set; }

    [YamlMember(Alias = "cpu")]
    public CpuYaml? Cpu { get; set; }

    [YamlMember(Alias = "pids")]
    public PidsYaml? Pids { get; set; }

    [YamlMember(Alias = "blockio")]
    public BlockIoYaml? BlockIo { get; set; }

    [YamlMember(Alias = "hugepageLimits")]
    public List<HugepageLimitYaml>? HugepageLimits { get; set; }

    [YamlMember(Alias = "network")]
    public NetworkYaml? Network { get; set; }
}

/// <summary>A device cgroup rule.</summary>
internal sealed class DeviceCgroupYaml
{
    [YamlMember(Alias = "allow")]
    public bool? Allow { get; set; }

    [YamlMember(Alias = "type")]
    public string? Type { get; set; }

    [YamlMember(Alias = "major")]
    public long? Major { get; set; }

    [YamlMember(Alias = "minor")]
    public long? Minor { get; set; }

    [YamlMember(Alias = "access")]
    public string? Access { get; set; }
}

/// <summary>Memory limits, in bytes.</summary>
internal sealed class MemoryYaml
{
    [YamlMember(Alias = "limit")]
    public long? Limit { get; set; }

    [YamlMember(Alias = "reservation")]
    public long? Reservation { get; set; }

    [YamlMember(Alias = "swap")]
    public long? Swap { get; set; }

    [YamlMember(Alias = "kernel")]
    public long? Kernel { get; set; }

    [YamlMember(Alias = "kernelTCP")]
    public long? KernelTcp { get; set; }

    [YamlMember(Alias = "swappiness")]
    public ulong? Swappiness { get; set; }

    [YamlMember(Alias = "disableOOMKiller")]
    public bool? DisableOomKiller { get; set; }
}

/// <summary>CPU shares, quota and placement.</summary>
internal sealed class CpuYaml
{
    [YamlMember(Alias = "shares")]
    public ulong? Shares { get; set; }

    [YamlMember(Alias = "quota")]
    public long? Quota { get; set; }

    [YamlMember(Alias = "period")]
    public ulong? Period { get; set; }

    [YamlMember(Alias = "realtimeRuntime")]
    public long? RealtimeRuntime { get; set; }

    [YamlMember(Alias = "realtimePeriod")]
    public ulong? RealtimePeriod { get; set; }

    [YamlMember(Alias = "cpus")]
    public string? Cpus { get; set; }

    [YamlMember(Alias = "mems")]
    public string? Mems { get; set; }
}

/// <summary>The process-count limit.</summary>
internal sealed class PidsYaml
{
    [YamlMember(Alias = "limit")]
    public long? Limit { get; set; }
}

/// <summary>Block I/O weights and throttles.</summary>
internal sealed class BlockIoYaml
{
    [YamlMember(Alias = "weight")]
    public ushort? Weight { get; set; }

    [YamlMember(Alias = "leafWeight")]
    public ushort? LeafWeight { get; set; }

    [YamlMember(Alias = "weightDevice")]
    public List<WeightDeviceYaml>? WeightDevice { get; set; }

    [YamlMember(Alias = "throttleReadBpsDevice")]
    public List<ThrottleDeviceYaml>? ThrottleReadBpsDevice { get; set; }

    [YamlMember(Alias = "throttleWriteBpsDevice")]
    public List<ThrottleDeviceYaml>? ThrottleWriteBpsDevice { get; set; }

    [YamlMember(Alias = "throttleReadIOPSDevice")]
    public List<ThrottleDeviceYaml>? ThrottleReadIopsDevice { get; set; }

    [YamlMember(Alias = "throttleWriteIOPSDevice")]
    public List<ThrottleDeviceYaml>? ThrottleWriteIopsDevice { get; set; }
}

/// <summary>A per-device block I/O weight.</summary>
internal sealed class WeightDeviceYaml
{
    [YamlMember(Alias = "major")]
    public long? Major { get; set; }

    [YamlMember(Alias = "minor")]
    public long? Minor { get; set; }

    [YamlMember(Alias = "weight")]
    public ushort? Weight { get; set; }

    [YamlMember(Alias = "leafWeight")]
    public ushort? LeafWeight { get; set; }
}

/// <summary>A per-device block I/O rate limit.</summary>
internal sealed class ThrottleDeviceYaml
{
    [YamlMember(Alias = "major")]
    public long? Major { get; set; }

    [YamlMember(Alias = "minor")]
    public long? Minor { get; set; }

    [YamlMember(Alias = "rate")]
    public ulong? Rate { get; set; }
}

/// <summary>A huge page limit.</summary>
internal sealed class HugepageLimitYaml
{
    [YamlMember(Alias = "pageSize")]
    public string? PageSize { get; set; }

    [YamlMember(Alias = "limit")]
    public ulong? Limit { get; set; }
}

/// <summary>The network class id and interface priorities.</summary>
internal sealed class NetworkYaml
{
    [YamlMember(Alias = "classID")]
    public uint? ClassId { get; set; }

    [YamlMember(Alias = "priorities")]
    public List<InterfacePriorityYaml>? Priorities { get; set; }
}

/// <summary>A network interface's priority.</summary>
internal sealed class InterfacePriorityYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "priority")]
    public uint? Priority { get; set; }
}
