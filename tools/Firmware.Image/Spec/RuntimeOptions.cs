using Firmware.Image.Runtime.Oci;

namespace Firmware.Image.Spec;

/// <summary>
/// The validated per-container runtime options of LinuxKit's image schema: an image spec's
/// container entry, pkg.yml's <c>config:</c>, and an image's <c>org.mobyproject.config</c> label.
/// A null member was not written, so the layers LinuxKit default &lt; image label &lt; spec can be
/// merged member by member; an empty list was written empty and overrides.
/// </summary>
public sealed record RuntimeOptions
{
    /// <summary>Options with nothing written.</summary>
    public static RuntimeOptions Empty { get; } = new();

    /// <summary>The capabilities, replacing the image's; <c>all</c> or <c>none</c> alone stand for every or no capability.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Capabilities added to the image label's (<c>capabilities.add</c>).</summary>
    public IReadOnlyList<string>? CapabilitiesAdd { get; init; }

    /// <summary>The ambient capabilities.</summary>
    public IReadOnlyList<string>? Ambient { get; init; }

    /// <summary>Mounts, with LinuxKit's defaults for missing type, source and destination filled in.</summary>
    public IReadOnlyList<OciMount>? Mounts { get; init; }

    /// <summary>Binds, replacing the image's.</summary>
    public IReadOnlyList<BindMount>? Binds { get; init; }

    /// <summary>Binds added to the image label's (<c>binds.add</c>).</summary>
    public IReadOnlyList<BindMount>? BindsAdd { get; init; }

    /// <summary>Device nodes.</summary>
    public IReadOnlyList<DeviceNode>? Devices { get; init; }

    /// <summary>tmpfs mounts.</summary>
    public IReadOnlyList<TmpfsMount>? Tmpfs { get; init; }

    /// <summary>The command and its arguments, replacing the image's entrypoint and cmd.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The environment (<c>NAME=VALUE</c>), replacing the image's.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The working directory, absolute.</summary>
    public string? Cwd { get; init; }

    /// <summary>The network namespace: <c>host</c>/<c>root</c>, <c>new</c>, <c>none</c> or a path to join.</summary>
    public string? Net { get; init; }

    /// <summary>The pid namespace: <c>host</c>/<c>root</c>, <c>new</c> or a path to join (default: new).</summary>
    public string? Pid { get; init; }

    /// <summary>The IPC namespace: <c>host</c>/<c>root</c>, <c>new</c> or a path to join.</summary>
    public string? Ipc { get; init; }

    /// <summary>The UTS namespace: <c>host</c>/<c>root</c>, <c>new</c> or a path to join.</summary>
    public string? Uts { get; init; }

    /// <summary>The user namespace: <c>host</c>/<c>root</c>, <c>new</c> or a path to join.</summary>
    public string? Userns { get; init; }

    /// <summary>The hostname (needs a new UTS namespace).</summary>
    public string? Hostname { get; init; }

    /// <summary>Whether the root filesystem is read-only.</summary>
    public bool? Readonly { get; init; }

    /// <summary>Paths made unreadable, replacing the defaults.</summary>
    public IReadOnlyList<string>? MaskedPaths { get; init; }

    /// <summary>Paths made read-only, replacing the defaults.</summary>
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }

    /// <summary>The user id.</summary>
    public IdReference? Uid { get; init; }

    /// <summary>The group id.</summary>
    public IdReference? Gid { get; init; }

    /// <summary>Supplementary group ids.</summary>
    public IReadOnlyList<IdReference>? AdditionalGids { get; init; }

    /// <summary>Whether execve may not gain privileges.</summary>
    public bool? NoNewPrivileges { get; init; }

    /// <summary>The OOM killer adjustment, -1000..1000.</summary>
    public int? OomScoreAdj { get; init; }

    /// <summary>The root mount's propagation.</summary>
    public string? RootfsPropagation { get; init; }

    /// <summary>The cgroup path.</summary>
    public string? CgroupsPath { get; init; }

    /// <summary>cgroup limits.</summary>
    public OciResources? Resources { get; init; }

    /// <summary>Kernel parameters, in key order.</summary>
    public IReadOnlyDictionary<string, string>? Sysctl { get; init; }

    /// <summary>Resource limits.</summary>
    public IReadOnlyList<Rlimit>? Rlimits { get; init; }

    /// <summary>User namespace uid mappings.</summary>
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }

    /// <summary>User namespace gid mappings.</summary>
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }

    /// <summary>Annotations, in key order.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>What the init does around the container.</summary>
    public RuntimeActions? Runtime { get; init; }
}
