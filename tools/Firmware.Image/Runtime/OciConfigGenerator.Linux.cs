using Firmware.Image.Runtime.Oci;
using Firmware.Image.Spec;

namespace Firmware.Image.Runtime;

// Capabilities, namespaces, mounts and devices.
public static partial class OciConfigGenerator
{
    private static (List<string> Effective, List<string> Ambient, List<string> Bounding) Capabilities(RuntimeOptions spec, RuntimeOptions label)
    {
        // LinuxKit: capabilities = spec's, else the label's plus the spec's capabilities.add.
        // 'all' and 'none' are expanded per list first, so a label of [all] plus an addition is still all.
        var effective = spec.Capabilities is { } own
            ? Expand(own)
            : Expand(label.Capabilities ?? []).Union(Expand(spec.CapabilitiesAdd ?? []), StringComparer.Ordinal);
        var ambient = Expand(spec.Ambient ?? label.Ambient ?? []);
        // Kernel number order: the same sets always give the same bytes.
        var ordered = LinuxCapabilities.All;
        var effectiveSet = effective.ToHashSet(StringComparer.Ordinal);
        var ambientSet = ambient.ToHashSet(StringComparer.Ordinal);
        return (
            ordered.Where(effectiveSet.Contains).ToList(),
            ordered.Where(ambientSet.Contains).ToList(),
            ordered.Where(c => effectiveSet.Contains(c) || ambientSet.Contains(c)).ToList());
    }

    private static IEnumerable<string> Expand(IReadOnlyList<string> capabilities) =>
        LinuxCapabilities.IsKeyword(capabilities, "all") ? LinuxCapabilities.All
        : LinuxCapabilities.IsKeyword(capabilities, "none") ? []
        : capabilities;

    private static List<OciNamespace> Namespaces(RuntimeOptions spec, RuntimeOptions label)
    {
        // LinuxKit: network, IPC, UTS and user namespaces are the host's unless asked for; pid is
        // new unless 'host'; mount is always new. 'new' (and 'none' for net) creates one; a path joins it.
        var namespaces = new List<OciNamespace>();
        void Add(string type, string? setting, string fallback)
        {
            var value = setting ?? fallback;
            if (value is not ("host" or "root"))
            {
                namespaces.Add(new OciNamespace { Type = type, Path = value is "new" or "none" ? null : value });
            }
        }

        Add("network", spec.Net ?? label.Net, "root");
        Add("ipc", spec.Ipc ?? label.Ipc, "root");
        Add("uts", spec.Uts ?? label.Uts, "root");
        Add("pid", spec.Pid ?? label.Pid, "new");
        Add("user", spec.Userns ?? label.Userns, "root");
        namespaces.Add(new OciNamespace { Type = "mount" });
        return namespaces;
    }

    private static List<OciMount> Mounts(RuntimeOptions spec, RuntimeOptions label, bool readOnly)
    {
        // Later entries replace earlier ones at the same destination: defaults, tmpfs, binds, mounts.
        var byDestination = new SortedDictionary<string, OciMount>(StringComparer.Ordinal);
        foreach (var m in OciDefaults.Mounts(readOnly))
        {
            byDestination[m.Destination] = m;
        }

        foreach (var t in spec.Tmpfs ?? label.Tmpfs ?? [])
        {
            byDestination[t.Destination] = new OciMount { Destination = t.Destination, Type = "tmpfs", Source = "tmpfs", Options = t.Options.Count > 0 ? t.Options : null };
        }

        var binds = spec.Binds ?? [.. label.Binds ?? [], .. label.BindsAdd ?? [], .. spec.BindsAdd ?? []];
        foreach (var b in binds)
        {
            byDestination[b.Destination] = new OciMount
            {
                Destination = b.Destination,
                Type = "bind",
                Source = b.Source.StartsWith('/') ? b.Source : OciDefaults.VolumePath(b.Source),
                Options = b.Options is { } options ? [.. options.Where(o => o != "rbind"), "rbind"] : OciDefaults.BindOptions,
            };
        }

        foreach (var m in spec.Mounts ?? label.Mounts ?? [])
        {
            byDestination[m.Destination] = m;
        }

        // Sorted by destination, so that /dev comes before /dev/pts (LinuxKit does the same).
        return [.. byDestination.Values];
    }

    private static (List<OciDevice> Devices, OciResources? Resources) Devices(RuntimeOptions spec, RuntimeOptions label)
    {
        var resources = spec.Resources ?? label.Resources;
        var rules = new List<OciDeviceRule>(resources?.Devices ?? []);
        var devices = new List<OciDevice>();
        foreach (var d in spec.Devices ?? label.Devices ?? [])
        {
            if (d.Path == DeviceNode.All)
            {
                rules.Add(new OciDeviceRule { Allow = true, Type = d.Type, Access = "rwm" });
                continue;
            }

            devices.Add(new OciDevice { Path = d.Path, Type = d.Type, Major = d.Major, Minor = d.Minor, FileMode = d.Mode });
            // A node is usable only if the device cgroup allows it (cgroup-v1 devices.txt).
            rules.Add(new OciDeviceRule { Allow = true, Type = d.Type, Major = d.Major, Minor = d.Minor, Access = "rwm" });
        }

        if (resources is null && rules.Count == 0)
        {
            return (devices, null);
        }

        return (devices, new OciResources
        {
            Devices = rules.Count > 0 ? rules : null,
            Memory = resources?.Memory,
            Cpu = resources?.Cpu,
            Pids = resources?.Pids,
            BlockIo = resources?.BlockIo,
            HugepageLimits = resources?.HugepageLimits,
            Network = resources?.Network,
        });
    }
}
