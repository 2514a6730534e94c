using YamlDotNet.Serialization;

namespace Firmware.Image.Yaml;

// The per-container runtime options exactly as written, before validation: LinuxKit's ImageConfig
// (src/cmd/linuxkit/moby/config.go and the "image" definition of its JSON schema, schema.go).
// The same mapping is a container entry in an image spec (with name and image), the config
// section of pkg.yml, and the JSON of an image's org.mobyproject.config label. Every value is
// nullable so that "not written" stays distinct from "written empty": the precedence
// LinuxKit default < image label < spec needs that. Settable properties only: the static
// generator cannot assign init-only ones.

/// <summary>The per-container options of LinuxKit's image schema.</summary>
internal class RuntimeOptionsYaml
{
    [YamlMember(Alias = "capabilities")]
    public List<string>? Capabilities { get; set; }

    [YamlMember(Alias = "capabilities.add")]
    public List<string>? CapabilitiesAdd { get; set; }

    [YamlMember(Alias = "ambient")]
    public List<string>? Ambient { get; set; }

    [YamlMember(Alias = "mounts")]
    public List<MountYaml>? Mounts { get; set; }

    [YamlMember(Alias = "binds")]
    public List<string>? Binds { get; set; }

    [YamlMember(Alias = "binds.add")]
    public List<string>? BindsAdd { get; set; }

    [YamlMember(Alias = "devices")]
    public List<DeviceYaml>? Devices { get; set; }

    [YamlMember(Alias = "tmpfs")]
    public List<string>? Tmpfs { get; set; }

    [YamlMember(Alias = "command")]
    public List<string>? Command { get; set; }

    [YamlMember(Alias = "env")]
    public List<string>? Env { get; set; }

    [YamlMember(Alias = "cwd")]
    public string? Cwd { get; set; }

    [YamlMember(Alias = "net")]
    public string? Net { get; set; }

    [YamlMember(Alias = "pid")]
    public string? Pid { get; set; }

    [YamlMember(Alias = "ipc")]
    public string? Ipc { get; set; }

    [YamlMember(Alias = "uts")]
    public string? Uts { get; set; }

    [YamlMember(Alias = "userns")]
    public string? Userns { get; set; }

    [YamlMember(Alias = "hostname")]
    public string? Hostname { get; set; }

    [YamlMember(Alias = "readonly")]
    public bool? Readonly { get; set; }

    [YamlMember(Alias = "maskedPaths")]
    public List<string>? MaskedPaths { get; set; }

    [YamlMember(Alias = "readonlyPaths")]
    public List<string>? ReadonlyPaths { get; set; }

    // uid and gid are a number or a name (a container's name, or root): kept as text, the
    // validator tells them apart.
    [YamlMember(Alias = "uid")]
    public string? Uid { get; set; }

    [YamlMember(Alias = "gid")]
    public string? Gid { get; set; }

    [YamlMember(Alias = "additionalGids")]
    public List<string>? AdditionalGids { get; set; }

    [YamlMember(Alias = "noNewPrivileges")]
    public bool? NoNewPrivileges { get; set; }

    [YamlMember(Alias = "oomScoreAdj")]
    public int? OomScoreAdj { get; set; }

    [YamlMember(Alias = "rootfsPropagation")]
    public string? RootfsPropagation { get; set; }

    [YamlMember(Alias = "cgroupsPath")]
    public string? CgroupsPath { get; set; }

    [YamlMember(Alias = "resources")]
    public ResourcesYaml? Resources { get; set; }

    [YamlMember(Alias = "sysctl")]
    public Dictionary<string, string>? Sysctl { get; set; }

    [YamlMember(Alias = "rlimits")]
    public List<string>? Rlimits { get; set; }

    [YamlMember(Alias = "uidMappings")]
    public List<IdMappingYaml>? UidMappings { get; set; }

    [YamlMember(Alias = "gidMappings")]
    public List<IdMappingYaml>? GidMappings { get; set; }

    [YamlMember(Alias = "annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [YamlMember(Alias = "runtime")]
    public RuntimeYaml? Runtime { get; set; }
}

/// <summary>A container entry of <c>onboot</c>, <c>onshutdown</c> or <c>services</c>: a name, an image, and the options.</summary>
internal sealed class ContainerYaml : RuntimeOptionsYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "image")]
    public string? Image { get; set; }
}

/// <summary>An OCI mount (runtime-spec config.md, "Mounts"), with LinuxKit's lower-case id-mapping keys.</summary>
internal sealed class MountYaml
{
    [YamlMember(Alias = "destination")]
    public string? Destination { get; set; }

    [YamlMember(Alias = "type")]
    public string? Type { get; set; }

    [YamlMember(Alias = "source")]
    public string? Source { get; set; }

    [YamlMember(Alias = "options")]
    public List<string>? Options { get; set; }

    [YamlMember(Alias = "uidmappings")]
    public List<IdMappingYaml>? UidMappings { get; set; }

    [YamlMember(Alias = "gidmappings")]
    public List<IdMappingYaml>? GidMappings { get; set; }
}

/// <summary>A device node to create in the container.</summary>
internal sealed class DeviceYaml
{
    [YamlMember(Alias = "path")]
    public string? Path { get; set; }

    [YamlMember(Alias = "type")]
    public string? Type { get; set; }

    [YamlMember(Alias = "major")]
    public long? Major { get; set; }

    [YamlMember(Alias = "minor")]
    public long? Minor { get; set; }

    [YamlMember(Alias = "mode")]
    public string? Mode { get; set; }
}

/// <summary>A user-namespace id mapping.</summary>
internal sealed class IdMappingYaml
{
    [YamlMember(Alias = "hostID")]
    public uint? HostId { get; set; }

    [YamlMember(Alias = "containerID")]
    public uint? ContainerId { get; set; }

    [YamlMember(Alias = "size")]
    public uint? Size { get; set; }
}

/// <summary>What LinuxKit's init does around a container, outside its OCI config.</summary>
internal sealed class RuntimeYaml
{
    [YamlMember(Alias = "cgroups")]
    public List<string>? Cgroups { get; set; }

    [YamlMember(Alias = "mounts")]
    public List<MountYaml>? Mounts { get; set; }

    [YamlMember(Alias = "mkdir")]
    public List<string>? Mkdir { get; set; }

    [YamlMember(Alias = "interfaces")]
    public List<InterfaceYaml>? Interfaces { get; set; }

    [YamlMember(Alias = "bindNS")]
    public NamespacesYaml? BindNs { get; set; }

    [YamlMember(Alias = "namespace")]
    public string? Namespace { get; set; }
}

/// <summary>A network interface to create or move into the container's namespace.</summary>
internal sealed class InterfaceYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "add")]
    public string? Add { get; set; }

    [YamlMember(Alias = "peer")]
    public string? Peer { get; set; }

    [YamlMember(Alias = "createInRoot")]
    public bool? CreateInRoot { get; set; }
}

/// <summary>Paths to bind a container's namespaces to, by kind.</summary>
internal sealed class NamespacesYaml
{
    [YamlMember(Alias = "cgroup")]
    public string? Cgroup { get; set; }

    [YamlMember(Alias = "ipc")]
    public string? Ipc { get; set; }

    [YamlMember(Alias = "mnt")]
    public string? Mnt { get; set; }

    [YamlMember(Alias = "net")]
    public string? Net { get; set; }

    [YamlMember(Alias = "pid")]
    public string? Pid { get; set; }

    [YamlMember(Alias = "user")]
    public string? User { get; set; }

    [YamlMember(Alias = "uts")]
    public string? Uts { get; set; }
}
