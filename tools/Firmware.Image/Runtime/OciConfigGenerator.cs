using System.Globalization;
using Firmware.Image.Runtime.Oci;
using Firmware.Image.Spec;

namespace Firmware.Image.Runtime;

/// <summary>
/// Makes a system container's OCI runtime config (runtime-spec v1.0.2) from its image's config and
/// its spec entry. Each setting is taken from the first that has it: the spec entry, then the
/// image's <c>org.mobyproject.config</c> label, then the image config (command, environment,
/// working directory, user), then LinuxKit's defaults: no capabilities, new mount and pid
/// namespaces, the host's network, IPC and UTS namespaces, the default mounts and masked paths.
/// Follows LinuxKit's ConfigToOCI (src/cmd/linuxkit/moby/config.go); docs/image-spec.md lists
/// where it differs. Pure: no files, no processes.
/// </summary>
public static partial class OciConfigGenerator
{
    /// <summary>Makes the runtime config of one container.</summary>
    /// <param name="name">The container's name, for messages.</param>
    /// <param name="spec">The options the spec writes for it.</param>
    /// <param name="image">What its image's config says.</param>
    /// <param name="containerIds">The ids that container names stand for as uid and gid (<see cref="ImageSpec.ContainerIds"/>).</param>
    /// <exception cref="SpecException">The options cannot make a config: no command, an unknown id, a hostname without a UTS namespace.</exception>
    public static SystemContainerConfig Generate(string name, RuntimeOptions spec, ImageRuntimeDefaults image, IReadOnlyDictionary<string, uint> containerIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(containerIds);
        var label = MobyConfigLabel.Of(image.Labels, name);
        return GenerateCore(name, spec, label, image, containerIds);
    }

    /// <summary>Makes the runtime config of every container of <paramref name="spec"/>, given each image's config.</summary>
    /// <param name="spec">The image spec.</param>
    /// <param name="images">Each container image's config, by the container's image reference (<see cref="ImageReference.ToString"/>).</param>
    /// <returns>The configs by container name, in spec order.</returns>
    /// <exception cref="ArgumentException">An image's config is missing.</exception>
    /// <exception cref="SpecException">A container's options cannot make a config.</exception>
    public static IReadOnlyList<(string Name, SystemContainerConfig Config)> GenerateAll(ImageSpec spec, IReadOnlyDictionary<string, ImageRuntimeDefaults> images)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(images);
        var ids = spec.ContainerIds();
        return spec.Containers.Select(c => (c.Name, Generate(
            c.Name,
            c.Options,
            images.TryGetValue(c.Image.ToString(), out var image) ? image : throw new ArgumentException($"no image config for {c.Image} (container {c.Name})", nameof(images)),
            ids))).ToList();
    }

    private static SystemContainerConfig GenerateCore(string name, RuntimeOptions spec, RuntimeOptions label, ImageRuntimeDefaults image, IReadOnlyDictionary<string, uint> ids)
    {
        var readOnly = spec.Readonly ?? label.Readonly ?? false;
        var (capabilities, ambient, bounding) = Capabilities(spec, label);
        var privileged = bounding.Contains("CAP_SYS_ADMIN");
        var namespaces = Namespaces(spec, label);
        var hostname = spec.Hostname ?? label.Hostname;
        if (hostname is not null && !namespaces.Any(n => n.Type == "uts"))
        {
            throw Error(name, "hostname", "a hostname needs its own UTS namespace: add 'uts: new'");
        }

        var (devices, resources) = Devices(spec, label);
        var (uid, gid, additionalGids) = User(name, spec, label, image, ids);
        var config = new OciSpec
        {
            OciVersion = OciDefaults.OciVersion,
            Process = new OciProcess
            {
                Terminal = false,
                User = new OciUser { Uid = uid, Gid = gid, AdditionalGids = additionalGids.Count > 0 ? additionalGids : null },
                Args = Args(name, spec, label, image),
                Env = spec.Env ?? label.Env ?? image.Env ?? [],
                Cwd = spec.Cwd ?? label.Cwd ?? (string.IsNullOrEmpty(image.WorkingDir) ? "/" : image.WorkingDir),
                Capabilities = new OciCapabilities { Bounding = bounding, Effective = capabilities, Inheritable = bounding, Permitted = bounding, Ambient = ambient },
                Rlimits = (spec.Rlimits ?? label.Rlimits)?.Select(r => new OciRlimit { Type = r.Type, Soft = r.Soft, Hard = r.Hard }).ToList() is { Count: > 0 } rlimits ? rlimits : null,
                NoNewPrivileges = spec.NoNewPrivileges ?? label.NoNewPrivileges ?? false,
                OomScoreAdj = spec.OomScoreAdj ?? label.OomScoreAdj,
            },
            Root = new OciRoot { Path = "rootfs", Readonly = readOnly },
            Hostname = hostname,
            Mounts = Mounts(spec, label, readOnly),
            Annotations = NonEmpty(spec.Annotations ?? label.Annotations),
            Linux = new OciLinux
            {
                UidMappings = NonEmpty(spec.UidMappings ?? label.UidMappings),
                GidMappings = NonEmpty(spec.GidMappings ?? label.GidMappings),
                Sysctl = NonEmpty(spec.Sysctl ?? label.Sysctl),
                Resources = resources,
                CgroupsPath = spec.CgroupsPath ?? label.CgroupsPath,
                Namespaces = namespaces,
                Devices = devices.Count > 0 ? devices : null,
                RootfsPropagation = spec.RootfsPropagation ?? label.RootfsPropagation,
                MaskedPaths = NonEmpty(spec.MaskedPaths ?? label.MaskedPaths ?? (privileged ? null : OciDefaults.MaskedPaths)),
                ReadonlyPaths = NonEmpty(spec.ReadonlyPaths ?? label.ReadonlyPaths ?? (privileged ? null : OciDefaults.ReadonlyPaths)),
            },
        };
        return new SystemContainerConfig(config, Runtime(spec.Runtime, label.Runtime));
    }

    private static IReadOnlyList<string> Args(string name, RuntimeOptions spec, RuntimeOptions label, ImageRuntimeDefaults image)
    {
        var args = spec.Command ?? label.Command ?? [.. image.Entrypoint ?? [], .. image.Cmd ?? []];
        return args.Count > 0 ? args : throw Error(name, "command", "nothing to run: the image has no entrypoint or cmd, so the spec must give a command");
    }

    private static (uint Uid, uint Gid, List<uint> AdditionalGids) User(string name, RuntimeOptions spec, RuntimeOptions label, ImageRuntimeDefaults image, IReadOnlyDictionary<string, uint> ids)
    {
        // The image's User (image-spec config.md) is the base, as a container engine would use it;
        // LinuxKit ignores it. Only numeric ids: a system container has no /etc/passwd to consult.
        uint imageUid = 0, imageGid = 0;
        if (!string.IsNullOrEmpty(image.User))
        {
            var parts = image.User.Split(':');
            if (parts.Length > 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out imageUid)
                || parts.Length == 2 && !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out imageGid))
            {
                throw Error(name, "uid", $"the image's user '{image.User}' is not uid[:gid]; give uid and gid as numbers in the spec");
            }
        }

        var uid = spec.Uid ?? label.Uid;
        var gid = spec.Gid ?? label.Gid;
        var groups = spec.AdditionalGids ?? label.AdditionalGids ?? [];
        return (
            uid is null ? imageUid : Resolve(name, uid, "uid", ids),
            gid is null ? imageGid : Resolve(name, gid, "gid", ids),
            groups.Select(g => Resolve(name, g, "additionalGids", ids)).ToList());
    }

    private static uint Resolve(string name, IdReference id, string key, IReadOnlyDictionary<string, uint> ids) =>
        id.Number ?? (ids.TryGetValue(id.Name!, out var number) ? number : throw Error(name, key, $"'{id.Name}' names no container of this image"));

    private static RuntimeActions Runtime(RuntimeActions? spec, RuntimeActions? label)
    {
        // LinuxKit's assignRuntime: member by member, the spec's over the label's.
        return new RuntimeActions
        {
            Cgroups = spec?.Cgroups ?? label?.Cgroups ?? [],
            Mounts = spec?.Mounts ?? label?.Mounts ?? [],
            Mkdir = spec?.Mkdir ?? label?.Mkdir ?? [],
            Interfaces = spec?.Interfaces ?? label?.Interfaces ?? [],
            BindNamespaces = Merge(label?.BindNamespaces, spec?.BindNamespaces),
            Namespace = spec?.Namespace ?? label?.Namespace,
        };
    }

    private static SortedDictionary<string, string> Merge(IReadOnlyDictionary<string, string>? under, IReadOnlyDictionary<string, string>? over)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (under ?? new Dictionary<string, string>()).Concat(over ?? new Dictionary<string, string>()))
        {
            merged[key] = value;
        }

        return merged;
    }

    private static IReadOnlyList<T>? NonEmpty<T>(IReadOnlyList<T>? list) => list is { Count: > 0 } ? list : null;

    private static SortedDictionary<string, string>? NonEmpty(IReadOnlyDictionary<string, string>? map) =>
        map is { Count: > 0 } ? new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal) : null;

    private static SpecException Error(string name, string key, string problem) =>
        new(SpecError.InvalidValue, name, 0, 0, key, problem);
}
