using System.Globalization;
using Firmware.Image.Runtime.Oci;
using Firmware.Image.Yaml;

namespace Firmware.Image.Spec;

// rlimits, cgroup resources and LinuxKit's runtime: section.
internal static partial class RuntimeOptionsValidator
{
    // setrlimit(2); LinuxKit accepts exactly these (config.go).
    private static readonly HashSet<string> RlimitNames = new(StringComparer.Ordinal)
    {
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
        "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    };

    private static readonly string[] NamespaceKinds = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"];

    private static List<Rlimit>? Rlimits(Context v, List<string>? rlimits)
    {
        if (rlimits is null)
        {
            return null;
        }

        var result = new List<Rlimit>(rlimits.Count);
        for (var i = 0; i < rlimits.Count; i++)
        {
            var text = rlimits[i];
            var parts = text.Split(',');
            if (parts.Length != 3)
            {
                throw v.ItemError(SpecError.InvalidRlimit, text, "rlimits", i, $"'{text}' is not NAME,SOFT,HARD");
            }

            var name = parts[0].Trim().ToUpperInvariant();
            name = name.StartsWith("RLIMIT_", StringComparison.Ordinal) ? name : "RLIMIT_" + name;
            if (!RlimitNames.Contains(name))
            {
                throw v.ItemError(SpecError.InvalidRlimit, text, "rlimits", i, $"'{parts[0].Trim()}' is not a resource limit (nofile, nproc, core, ...)");
            }

            if (LimitValue(parts[1]) is not { } soft || LimitValue(parts[2]) is not { } hard)
            {
                throw v.ItemError(SpecError.InvalidRlimit, text, "rlimits", i, $"'{text}': limits are numbers or 'unlimited'");
            }

            result.Add(soft <= hard ? new Rlimit(name, soft, hard) : throw v.ItemError(SpecError.InvalidRlimit, text, "rlimits", i, $"'{text}': the soft limit is above the hard one"));
        }

        return result.GroupBy(r => r.Type).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? throw v.Error(SpecError.InvalidRlimit, "rlimits", $"{twice.Key} is set twice")
            : result;
    }

    private static ulong? LimitValue(string text)
    {
        text = text.Trim();
        return text.Equals("unlimited", StringComparison.OrdinalIgnoreCase) ? ulong.MaxValue
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : null;
    }

    private static OciResources ResourcesOf(Context v, ResourcesYaml r)
    {
        var at = v.Path("resources");
        return new OciResources
        {
            Devices = r.Devices?.Select((d, i) => DeviceRule(v, r, d, $"{at}.devices[{i}]")).ToList(),
            Memory = r.Memory is { } m ? new OciMemory
            {
                Limit = m.Limit,
                Reservation = m.Reservation,
                Swap = m.Swap,
                Kernel = m.Kernel,
                KernelTcp = m.KernelTcp,
                Swappiness = m.Swappiness is null or <= 100 ? m.Swappiness : throw v.Check.AtKey(SpecError.InvalidValue, m, "swappiness", $"{at}.memory.swappiness", $"{m.Swappiness} is outside 0..100"),
                DisableOomKiller = m.DisableOomKiller,
            } : null,
            Cpu = r.Cpu is { } c ? new OciCpu
            {
                Shares = c.Shares,
                Quota = c.Quota,
                Period = c.Period,
                RealtimeRuntime = c.RealtimeRuntime,
                RealtimePeriod = c.RealtimePeriod,
                Cpus = c.Cpus is null || CpuList.IsValid(c.Cpus) ? c.Cpus : throw v.Check.AtKey(SpecError.InvalidValue, c, "cpus", $"{at}.cpu.cpus", $"'{c.Cpus}' is not a CPU list such as 0-3,6"),
                Mems = c.Mems is null || CpuList.IsValid(c.Mems) ? c.Mems : throw v.Check.AtKey(SpecError.InvalidValue, c, "mems", $"{at}.cpu.mems", $"'{c.Mems}' is not a node list such as 0-1"),
            } : null,
            Pids = r.Pids is { } p ? new OciPids { Limit = p.Limit ?? throw v.Check.At(SpecError.MissingKey, p, r, "pids", $"{at}.pids.limit", "is required") } : null,
            BlockIo = r.BlockIo is { } b ? new OciBlockIo
            {
                Weight = Weight(v, b, b.Weight, "weight", $"{at}.blockio.weight"),
                LeafWeight = Weight(v, b, b.LeafWeight, "leafWeight", $"{at}.blockio.leafWeight"),
                WeightDevice = b.WeightDevice?.Select((d, i) => new OciWeightDevice
                {
                    Major = d.Major ?? throw v.Check.At(SpecError.MissingKey, d, b, "weightDevice", $"{at}.blockio.weightDevice[{i}].major", "is required"),
                    Minor = d.Minor ?? throw v.Check.At(SpecError.MissingKey, d, b, "weightDevice", $"{at}.blockio.weightDevice[{i}].minor", "is required"),
                    Weight = Weight(v, d, d.Weight, "weight", $"{at}.blockio.weightDevice[{i}].weight"),
                    LeafWeight = Weight(v, d, d.LeafWeight, "leafWeight", $"{at}.blockio.weightDevice[{i}].leafWeight"),
                }).ToList(),
                ThrottleReadBpsDevice = Throttles(v, b, b.ThrottleReadBpsDevice, "throttleReadBpsDevice", $"{at}.blockio"),
                ThrottleWriteBpsDevice = Throttles(v, b, b.ThrottleWriteBpsDevice, "throttleWriteBpsDevice", $"{at}.blockio"),
                ThrottleReadIopsDevice = Throttles(v, b, b.ThrottleReadIopsDevice, "throttleReadIOPSDevice", $"{at}.blockio"),
                ThrottleWriteIopsDevice = Throttles(v, b, b.ThrottleWriteIopsDevice, "throttleWriteIOPSDevice", $"{at}.blockio"),
            } : null,
            HugepageLimits = r.HugepageLimits?.Select((h, i) => new OciHugepageLimit
            {
                PageSize = string.IsNullOrEmpty(h.PageSize) ? throw v.Check.At(SpecError.MissingKey, h, r, "hugepageLimits", $"{at}.hugepageLimits[{i}].pageSize", "is required, such as 2MB") : h.PageSize,
                Limit = h.Limit ?? throw v.Check.At(SpecError.MissingKey, h, r, "hugepageLimits", $"{at}.hugepageLimits[{i}].limit", "is required"),
            }).ToList(),
            Network = r.Network is { } n ? new OciNetwork
            {
                ClassId = n.ClassId,
                Priorities = n.Priorities?.Select((p, i) => new OciInterfacePriority
                {
                    Name = string.IsNullOrEmpty(p.Name) ? throw v.Check.At(SpecError.MissingKey, p, n, "priorities", $"{at}.network.priorities[{i}].name", "is required") : p.Name,
                    Priority = p.Priority ?? throw v.Check.At(SpecError.MissingKey, p, n, "priorities", $"{at}.network.priorities[{i}].priority", "is required"),
                }).ToList(),
            } : null,
        };
    }

    private static OciDeviceRule DeviceRule(Context v, object owner, DeviceCgroupYaml d, string at)
    {
        // config-linux.md, "Device allowlist": type a, c or b; access any of r, w, m.
        if (d.Type is not (null or "a" or "c" or "b"))
        {
            throw v.Check.At(SpecError.InvalidValue, d, owner, "devices", $"{at}.type", $"'{d.Type}' is not a, c or b");
        }

        if (d.Access is { } access && (access.Length == 0 || access.Any(c => c is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length))
        {
            throw v.Check.At(SpecError.InvalidValue, d, owner, "devices", $"{at}.access", $"'{access}' is not made of r, w and m");
        }

        return new OciDeviceRule
        {
            Allow = d.Allow ?? throw v.Check.At(SpecError.MissingKey, d, owner, "devices", $"{at}.allow", "is required: true or false"),
            Type = d.Type,
            Major = d.Major,
            Minor = d.Minor,
            Access = d.Access,
        };
    }

    // Block I/O weights are 10..1000 (config-linux.md, "Block IO"); 0 means "no weight" to runc.
    private static ushort? Weight(Context v, object owner, ushort? weight, string key, string path) =>
        weight is null or 0 or (>= 10 and <= 1000) ? weight : throw v.Check.AtKey(SpecError.InvalidValue, owner, key, path, $"{weight} is outside 10..1000");

    private static List<OciThrottleDevice>? Throttles(Context v, object owner, List<ThrottleDeviceYaml>? devices, string key, string at) =>
        devices?.Select((d, i) => new OciThrottleDevice
        {
            Major = d.Major ?? throw v.Check.At(SpecError.MissingKey, d, owner, key, $"{at}.{key}[{i}].major", "is required"),
            Minor = d.Minor ?? throw v.Check.At(SpecError.MissingKey, d, owner, key, $"{at}.{key}[{i}].minor", "is required"),
            Rate = d.Rate ?? throw v.Check.At(SpecError.MissingKey, d, owner, key, $"{at}.{key}[{i}].rate", "is required"),
        }).ToList();

    private static RuntimeActions RuntimeOf(Context v, RuntimeYaml r)
    {
        var at = v.Path("runtime");
        SortedDictionary<string, string>? bind = null;
        if (r.BindNs is { } ns)
        {
            bind = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (kind, path) in NamespaceKinds.Zip(new[] { ns.Cgroup, ns.Ipc, ns.Mnt, ns.Net, ns.Pid, ns.User, ns.Uts }))
            {
                if (path is null)
                {
                    continue;
                }

                bind[kind] = Paths.IsAbsoluteAndClean(path) ? path : throw v.Check.AtKey(SpecError.InvalidPath, ns, kind, $"{at}.bindNS.{kind}", Paths.Problem(path));
            }
        }

        return new RuntimeActions
        {
            Cgroups = r.Cgroups?.Select((c, i) => c.Length > 0 ? CgroupsPath(v, c, r, "cgroups", $"{at}.cgroups[{i}]") : throw v.Check.At(SpecError.InvalidValue, c, r, "cgroups", $"{at}.cgroups[{i}]", "is empty")).ToList(),
            Mounts = r.Mounts is { } mounts ? Mounts(v, r, mounts, "mounts", $"{at}.mounts") : null,
            Mkdir = r.Mkdir?.Select((d, i) => Paths.IsAbsoluteAndClean(d) ? d : throw v.Check.At(SpecError.InvalidPath, d, r, "mkdir", $"{at}.mkdir[{i}]", Paths.Problem(d))).ToList(),
            Interfaces = r.Interfaces?.Select((n, i) => new NetworkInterface(
                string.IsNullOrEmpty(n.Name) ? throw v.Check.At(SpecError.MissingKey, n, r, "interfaces", $"{at}.interfaces[{i}].name", "is required") : n.Name,
                n.Add,
                n.Peer,
                n.CreateInRoot ?? false)).ToList(),
            BindNamespaces = bind,
            Namespace = r.Namespace,
        };
    }
}
