using Firmware.Image.Decoding;
using Firmware.Image.Yaml;

namespace Firmware.Image.Spec;

/// <summary>
/// The semantic stage for one set of per-container options (a spec entry, pkg.yml's config, an
/// image label): every value is checked as LinuxKit's ConfigToOCI would use it
/// (src/cmd/linuxkit/moby/config.go), but before anything is built or pulled, and with the line.
/// </summary>
internal static partial class RuntimeOptionsValidator
{
    private static readonly string[] Propagations = ["shared", "slave", "private", "rshared", "rslave", "rprivate", "unbindable", "runbindable"];

    /// <summary>Validates <paramref name="raw"/>; keys in errors start with <paramref name="prefix"/>.</summary>
    public static RuntimeOptions Validate(RuntimeOptionsYaml raw, string prefix, NameScope names, Checker check)
    {
        var v = new Context(raw, prefix, check);
        return new RuntimeOptions
        {
            Capabilities = Capabilities(v, raw.Capabilities, "capabilities"),
            CapabilitiesAdd = Capabilities(v, raw.CapabilitiesAdd, "capabilities.add"),
            Ambient = Capabilities(v, raw.Ambient, "ambient"),
            Mounts = raw.Mounts is { } mounts ? Mounts(v, raw, mounts, "mounts", v.Path("mounts")) : null,
            Binds = Binds(v, raw.Binds, "binds", names),
            BindsAdd = Binds(v, raw.BindsAdd, "binds.add", names),
            Devices = Devices(v, raw.Devices),
            Tmpfs = Tmpfs(v, raw.Tmpfs),
            Command = Command(v, raw.Command),
            Env = Env(v, raw.Env),
            Cwd = Unset(raw.Cwd) is { } cwd ? v.Absolute(cwd, "cwd") : null,
            Net = Namespace(v, Unset(raw.Net), "net", allowNone: true),
            Pid = Namespace(v, Unset(raw.Pid), "pid", allowNone: false),
            Ipc = Namespace(v, Unset(raw.Ipc), "ipc", allowNone: false),
            Uts = Namespace(v, Unset(raw.Uts), "uts", allowNone: false),
            Userns = Namespace(v, Unset(raw.Userns), "userns", allowNone: false),
            Hostname = Unset(raw.Hostname) is { } hostname ? Hostname(v, hostname) : null,
            Readonly = raw.Readonly,
            MaskedPaths = v.AbsoluteList(raw.MaskedPaths, "maskedPaths"),
            ReadonlyPaths = v.AbsoluteList(raw.ReadonlyPaths, "readonlyPaths"),
            Uid = raw.Uid is { } uid ? Id(v, uid, raw, "uid", v.Path("uid"), names) : null,
            Gid = raw.Gid is { } gid ? Id(v, gid, raw, "gid", v.Path("gid"), names) : null,
            AdditionalGids = raw.AdditionalGids?.Select((g, i) => Id(v, g, raw, "additionalGids", v.Path($"additionalGids[{i}]"), names)).ToList(),
            NoNewPrivileges = raw.NoNewPrivileges,
            OomScoreAdj = raw.OomScoreAdj is { } oom
                ? oom is >= -1000 and <= 1000 ? oom : throw v.Error(SpecError.InvalidValue, "oomScoreAdj", $"{oom} is outside -1000..1000")
                : null,
            RootfsPropagation = raw.RootfsPropagation is { } propagation
                ? Propagations.Contains(propagation) ? propagation : throw v.Error(SpecError.InvalidValue, "rootfsPropagation", $"'{propagation}' is not one of {string.Join(", ", Propagations)}")
                : null,
            CgroupsPath = raw.CgroupsPath is { } cgroups ? CgroupsPath(v, cgroups, raw, "cgroupsPath", v.Path("cgroupsPath")) : null,
            Resources = raw.Resources is { } resources ? ResourcesOf(v, resources) : null,
            Sysctl = Sysctl(v, raw.Sysctl),
            Rlimits = Rlimits(v, raw.Rlimits),
            UidMappings = IdMappings(v, raw, raw.UidMappings, "uidMappings", v.Path("uidMappings")),
            GidMappings = IdMappings(v, raw, raw.GidMappings, "gidMappings", v.Path("gidMappings")),
            Annotations = Annotations(v, raw.Annotations),
            Runtime = raw.Runtime is { } runtime ? RuntimeOf(v, runtime) : null,
        };
    }

    // LinuxKit reads an empty string as "not set" for these (assignStringEmpty in config.go).
    private static string? Unset(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static List<string>? Capabilities(Context v, List<string>? list, string key)
    {
        if (list is null)
        {
            return null;
        }

        if (LinuxCapabilities.IsKeyword(list, "all") || LinuxCapabilities.IsKeyword(list, "none"))
        {
            return [list[0].ToLowerInvariant()];
        }

        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i];
            if (!LinuxCapabilities.IsKnown(name))
            {
                var hint = name.Equals("all", StringComparison.OrdinalIgnoreCase) || name.Equals("none", StringComparison.OrdinalIgnoreCase)
                    ? $"'{name}' must be the only entry"
                    : LinuxCapabilities.IsKnown("CAP_" + name.ToUpperInvariant())
                        ? $"'{name}' is written CAP_{name.ToUpperInvariant()}"
                        : $"'{name}' is not a Linux capability (CAP_*), 'all' or 'none'";
                throw v.ItemError(SpecError.InvalidCapability, name, key, i, hint);
            }
        }

        if (list.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw v.ItemError(SpecError.InvalidCapability, list[list.LastIndexOf(repeated.Key)], key, list.LastIndexOf(repeated.Key), $"{repeated.Key} is listed twice");
        }

        return [.. list];
    }

    private static List<string>? Command(Context v, List<string>? command) =>
        command is null ? null
        : command.Count == 0 ? throw v.Error(SpecError.InvalidValue, "command", "is empty: give the program and its arguments, or leave command out to use the image's")
        : string.IsNullOrEmpty(command[0]) ? throw v.ItemError(SpecError.InvalidValue, command[0], "command", 0, "the program is empty")
        : [.. command];

    private static List<string>? Env(Context v, List<string>? env)
    {
        if (env is null)
        {
            return null;
        }

        for (var i = 0; i < env.Count; i++)
        {
            // runtime-spec config.md: env entries are VARIABLE=VALUE.
            if (env[i].IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                throw v.ItemError(SpecError.InvalidValue, env[i], "env", i, $"'{env[i]}' is not NAME=VALUE");
            }
        }

        return [.. env];
    }

    private static string? Namespace(Context v, string? value, string key, bool allowNone) => value switch
    {
        null => null,
        "host" or "root" or "new" => value,
        "none" when allowNone => value,
        _ when value.StartsWith('/') => v.Absolute(value, key),
        _ => throw v.Error(SpecError.InvalidValue, key, $"'{value}' is not host, root, new{(allowNone ? ", none" : "")} or the absolute path of a namespace to join"),
    };

    private static string Hostname(Context v, string hostname)
    {
        // RFC 1123 host names: letters, digits, hyphens and dots; the kernel allows 64 bytes.
        var valid = hostname.Length is > 0 and <= 64
            && hostname.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            && !hostname.StartsWith('-') && !hostname.StartsWith('.');
        return valid ? hostname : throw v.Error(SpecError.InvalidValue, "hostname", $"'{hostname}' is not a host name (letters, digits, '-' and '.', at most 64)");
    }

    private static IdReference Id(Context v, string text, object owner, string yamlKey, string path, NameScope names) =>
        Ids.Parse(text, names, out var error, out var problem) ?? throw v.Check.At(error, text, owner, yamlKey, path, problem);

    private static string CgroupsPath(Context v, string path, object owner, string yamlKey, string keyPath) =>
        path.Split('/').Contains("..")
            ? throw v.Check.At(SpecError.InvalidPath, path, owner, yamlKey, keyPath, $"'{path}' climbs out of the cgroup tree with '..'")
            : path;

    private static SortedDictionary<string, string>? Sysctl(Context v, Dictionary<string, string>? sysctl)
    {
        if (sysctl is null)
        {
            return null;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in sysctl)
        {
            // Names are paths under /proc/sys, written with dots or slashes (sysctl(8)).
            var valid = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '*')
                && !name.Split('.', '/').Any(part => part is "" or "..");
            if (!valid)
            {
                throw v.ItemError(SpecError.InvalidValue, name, "sysctl", null, $"'{name}' is not a kernel parameter name such as net.ipv4.ip_forward");
            }

            sorted[name] = value ?? "";
        }

        return sorted;
    }

    private static SortedDictionary<string, string>? Annotations(Context v, Dictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return null;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in annotations)
        {
            sorted[name.Length > 0 ? name : throw v.Error(SpecError.InvalidValue, "annotations", "an annotation has an empty key")] = value ?? "";
        }

        return sorted;
    }

    /// <summary>The options being checked, where they came from, and how to point at a key.</summary>
    private sealed class Context(object owner, string prefix, Checker check)
    {
        public Checker Check => check;

        public object Owner => owner;

        public string Path(string key) => Checker.Path(prefix, key);

        public Spec.SpecException Error(SpecError error, string key, string problem) => check.AtKey(error, owner, key, Path(key), problem);

        public Spec.SpecException ItemError(SpecError error, object item, string key, int? index, string problem) =>
            check.At(error, item, owner, key, Path(index is { } i ? $"{key}[{i}]" : key), problem);

        public string Absolute(string path, string key) =>
            Paths.IsAbsoluteAndClean(path) ? path : throw Error(SpecError.InvalidPath, key, Paths.Problem(path));

        public List<string>? AbsoluteList(List<string>? paths, string key)
        {
            if (paths is null)
            {
                return null;
            }

            for (var i = 0; i < paths.Count; i++)
            {
                if (!Paths.IsAbsoluteAndClean(paths[i]))
                {
                    throw ItemError(SpecError.InvalidPath, paths[i], key, i, Paths.Problem(paths[i]));
                }
            }

            return [.. paths];
        }
    }
}
