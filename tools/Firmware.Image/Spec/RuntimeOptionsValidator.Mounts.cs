using Firmware.Image.Runtime.Oci;
using Firmware.Image.Yaml;

namespace Firmware.Image.Spec;

// Mounts, binds, tmpfs, devices and id mappings: the entries LinuxKit's ConfigToOCI turns into
// OCI mounts and devices, checked here with the same defaults and the same syntax.
internal static partial class RuntimeOptionsValidator
{
    private static List<OciMount> Mounts(Context v, object owner, List<MountYaml> mounts, string yamlKey, string path)
    {
        var result = new List<OciMount>(mounts.Count);
        for (var i = 0; i < mounts.Count; i++)
        {
            var m = mounts[i] ?? throw v.Check.AtKey(SpecError.InvalidMount, owner, yamlKey, $"{path}[{i}]", "is empty");
            var at = $"{path}[{i}]";
            var type = m.Type;
            var source = m.Source;
            var destination = m.Destination;
            // LinuxKit's defaults (config.go, ConfigToOCI): a pseudo-filesystem source names its
            // type, /dev is a tmpfs, the source defaults to the type, and the destination to the
            // type's usual mount point.
            if (string.IsNullOrEmpty(type))
            {
                type = source is "mqueue" or "devpts" or "proc" or "sysfs" or "cgroup" ? source
                    : destination == "/dev" ? "tmpfs"
                    : throw v.Check.At(SpecError.InvalidMount, m, owner, yamlKey, at, $"the mount on '{destination}' has no type");
            }

            if (string.IsNullOrEmpty(source))
            {
                source = type;
            }

            if (string.IsNullOrEmpty(destination))
            {
                destination = DefaultMountPoint(type)
                    ?? throw v.Check.At(SpecError.InvalidMount, m, owner, yamlKey, at, $"the {type} mount has no destination");
            }

            if (!Paths.IsAbsoluteAndClean(destination))
            {
                throw v.Check.At(SpecError.InvalidPath, m, owner, yamlKey, $"{at}.destination", Paths.Problem(destination));
            }

            if (type == "bind" && !source.StartsWith('/'))
            {
                throw v.Check.At(SpecError.InvalidMount, m, owner, yamlKey, $"{at}.source", $"a bind mount's source must be an absolute path, not '{source}'");
            }

            if (m.Options is { } options && MountOptions.Problem(options) is { } problem)
            {
                throw v.Check.At(SpecError.InvalidMount, m, owner, yamlKey, $"{at}.options", problem);
            }

            result.Add(new OciMount
            {
                Destination = destination,
                Type = type,
                Source = source,
                Options = m.Options is { } o ? [.. o] : null,
                UidMappings = IdMappings(v, m, m.UidMappings, "uidmappings", $"{at}.uidmappings"),
                GidMappings = IdMappings(v, m, m.GidMappings, "gidmappings", $"{at}.gidmappings"),
            });
        }

        return result;
    }

    private static string? DefaultMountPoint(string type) => type switch
    {
        "proc" => "/proc",
        "devpts" => "/dev/pts",
        "sysfs" => "/sys",
        "cgroup" => "/sys/fs/cgroup",
        "mqueue" => "/dev/mqueue",
        _ => null,
    };

    private static List<BindMount>? Binds(Context v, List<string>? binds, string key, NameScope names)
    {
        if (binds is null)
        {
            return null;
        }

        var result = new List<BindMount>(binds.Count);
        for (var i = 0; i < binds.Count; i++)
        {
            var text = binds[i];
            var parts = text.Split(':');
            if (parts.Length is < 2 or > 3)
            {
                throw v.ItemError(SpecError.InvalidMount, text, key, i, $"'{text}' is not SOURCE:DESTINATION[:OPTIONS]");
            }

            var (source, destination) = (parts[0], parts[1]);
            if (!source.StartsWith('/'))
            {
                // A bind from a name binds a volume (LinuxKit's volumes: section).
                if (!Names.IsName(source) || names.Volumes is { } volumes && !volumes.Contains(source))
                {
                    throw v.ItemError(SpecError.InvalidMount, text, key, i, $"'{source}' is neither an absolute host path nor a volume of this image");
                }
            }
            else if (!Paths.IsAbsoluteAndClean(source))
            {
                throw v.ItemError(SpecError.InvalidPath, text, key, i, Paths.Problem(source));
            }

            if (!Paths.IsAbsoluteAndClean(destination))
            {
                throw v.ItemError(SpecError.InvalidPath, text, key, i, Paths.Problem(destination));
            }

            List<string>? options = parts.Length == 3 ? [.. parts[2].Split(',')] : null;
            if (options is not null && MountOptions.Problem(options) is { } problem)
            {
                throw v.ItemError(SpecError.InvalidMount, text, key, i, problem);
            }

            result.Add(new BindMount(source, destination, options));
        }

        return result;
    }

    private static List<TmpfsMount>? Tmpfs(Context v, List<string>? tmpfs)
    {
        if (tmpfs is null)
        {
            return null;
        }

        var result = new List<TmpfsMount>(tmpfs.Count);
        for (var i = 0; i < tmpfs.Count; i++)
        {
            var text = tmpfs[i];
            var parts = text.Split(':');
            if (parts.Length > 2)
            {
                throw v.ItemError(SpecError.InvalidMount, text, "tmpfs", i, $"'{text}' is not DESTINATION[:OPTIONS]");
            }

            if (!Paths.IsAbsoluteAndClean(parts[0]))
            {
                throw v.ItemError(SpecError.InvalidPath, text, "tmpfs", i, Paths.Problem(parts[0]));
            }

            List<string> options = parts.Length == 2 ? [.. parts[1].Split(',')] : [];
            if (MountOptions.Problem(options) is { } problem)
            {
                throw v.ItemError(SpecError.InvalidMount, text, "tmpfs", i, problem);
            }

            result.Add(new TmpfsMount(parts[0], options));
        }

        return result;
    }

    private static List<DeviceNode>? Devices(Context v, List<DeviceYaml>? devices)
    {
        if (devices is null)
        {
            return null;
        }

        var result = new List<DeviceNode>(devices.Count);
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i] ?? throw v.Error(SpecError.InvalidValue, "devices", $"entry {i} is empty");
            var at = v.Path($"devices[{i}]");
            var path = d.Path ?? throw v.Check.At(SpecError.MissingKey, d, v.Owner, "devices", $"{at}.path", "is required");
            if (path == DeviceNode.All)
            {
                // A class of devices for the device cgroup (LinuxKit: path "all").
                var type = d.Type is "a" or "c" or "b" ? d.Type : throw v.Check.AtKey(SpecError.InvalidValue, d, "type", $"{at}.type", "with path 'all', type is a, c or b");
                result.Add(new DeviceNode(path, type, -1, -1, null));
                continue;
            }

            if (!Paths.IsAbsoluteAndClean(path))
            {
                throw v.Check.AtKey(SpecError.InvalidPath, d, "path", $"{at}.path", Paths.Problem(path));
            }

            var kind = d.Type is "c" or "b" or "u" or "p" ? d.Type : throw v.Check.AtKey(SpecError.InvalidValue, d, "type", $"{at}.type", $"'{d.Type}' is not c, b, u or p");
            var major = d.Major ?? (kind == "p" ? 0 : throw v.Check.At(SpecError.MissingKey, d, v.Owner, "devices", $"{at}.major", "is required"));
            var minor = d.Minor ?? (kind == "p" ? 0 : throw v.Check.At(SpecError.MissingKey, d, v.Owner, "devices", $"{at}.minor", "is required"));
            if (major < 0 || minor < 0)
            {
                throw v.Check.AtKey(SpecError.InvalidValue, d, major < 0 ? "major" : "minor", at, "device numbers are not negative");
            }

            var mode = d.Mode is { } text
                ? FileModes.TryParse(text, out var m) ? m : throw v.Check.AtKey(SpecError.InvalidMode, d, "mode", $"{at}.mode", $"'{text}' is not an octal mode such as 0660")
                : throw v.Check.At(SpecError.MissingKey, d, v.Owner, "devices", $"{at}.mode", "is required, such as 0660");
            result.Add(new DeviceNode(path, kind, major, minor, mode));
        }

        return result;
    }

    private static List<OciIdMapping>? IdMappings(Context v, object owner, List<IdMappingYaml>? mappings, string yamlKey, string path)
    {
        if (mappings is null)
        {
            return null;
        }

        var result = new List<OciIdMapping>(mappings.Count);
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m?.ContainerId is not { } container || m.HostId is not { } host || m.Size is not { } size)
            {
                throw v.Check.At(SpecError.MissingKey, m, owner, yamlKey, $"{path}[{i}]", "needs containerID, hostID and size");
            }

            result.Add(size > 0
                ? new OciIdMapping { ContainerId = container, HostId = host, Size = size }
                : throw v.Check.At(SpecError.InvalidValue, m, owner, yamlKey, $"{path}[{i}].size", "is 0: a mapping maps at least one id"));
        }

        return result;
    }
}
