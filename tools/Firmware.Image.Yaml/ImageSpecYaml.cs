using YamlDotNet.Serialization;

namespace Firmware.Image.Yaml;

// An image spec (firmware/images/*.yml) exactly as written: LinuxKit's top level (the "properties"
// of its JSON schema, schema.go), plus one section of our own, firmware:, for what A/B images need.

/// <summary>The top-level mapping of an image spec.</summary>
internal sealed class ImageSpecYaml
{
    [YamlMember(Alias = "kernel")]
    public KernelYaml? Kernel { get; set; }

    [YamlMember(Alias = "init")]
    public List<string>? Init { get; set; }

    [YamlMember(Alias = "onboot")]
    public List<ContainerYaml>? Onboot { get; set; }

    [YamlMember(Alias = "onshutdown")]
    public List<ContainerYaml>? Onshutdown { get; set; }

    [YamlMember(Alias = "services")]
    public List<ContainerYaml>? Services { get; set; }

    [YamlMember(Alias = "files")]
    public List<FileYaml>? Files { get; set; }

    [YamlMember(Alias = "volumes")]
    public List<VolumeYaml>? Volumes { get; set; }

    [YamlMember(Alias = "trust")]
    public ContentTrustYaml? Trust { get; set; }

    [YamlMember(Alias = "firmware")]
    public FirmwareYaml? Firmware { get; set; }
}

/// <summary>The kernel image and its command line.</summary>
internal sealed class KernelYaml
{
    [YamlMember(Alias = "image")]
    public string? Image { get; set; }

    [YamlMember(Alias = "cmdline")]
    public string? Cmdline { get; set; }

    [YamlMember(Alias = "binary")]
    public string? Binary { get; set; }

    [YamlMember(Alias = "tar")]
    public string? Tar { get; set; }

    [YamlMember(Alias = "ucode")]
    public string? Ucode { get; set; }
}

/// <summary>A file, directory or symlink added to the root filesystem.</summary>
internal sealed class FileYaml
{
    [YamlMember(Alias = "path")]
    public string? Path { get; set; }

    [YamlMember(Alias = "directory")]
    public bool? Directory { get; set; }

    [YamlMember(Alias = "symlink")]
    public string? Symlink { get; set; }

    [YamlMember(Alias = "contents")]
    public string? Contents { get; set; }

    [YamlMember(Alias = "source")]
    public string? Source { get; set; }

    [YamlMember(Alias = "metadata")]
    public string? Metadata { get; set; }

    [YamlMember(Alias = "optional")]
    public bool? Optional { get; set; }

    [YamlMember(Alias = "mode")]
    public string? Mode { get; set; }

    [YamlMember(Alias = "uid")]
    public string? Uid { get; set; }

    [YamlMember(Alias = "gid")]
    public string? Gid { get; set; }
}

/// <summary>A named volume, blank or filled from an image.</summary>
internal sealed class VolumeYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "image")]
    public string? Image { get; set; }

    [YamlMember(Alias = "readonly")]
    public bool? Readonly { get; set; }

    [YamlMember(Alias = "format")]
    public string? Format { get; set; }

    [YamlMember(Alias = "platforms")]
    public List<string>? Platforms { get; set; }
}

/// <summary>LinuxKit's legacy Docker Content Trust section: images and organisations to verify.</summary>
internal sealed class ContentTrustYaml
{
    [YamlMember(Alias = "image")]
    public List<string>? Image { get; set; }

    [YamlMember(Alias = "org")]
    public List<string>? Org { get; set; }
}

/// <summary>Our section: what an A/B firmware image needs beyond LinuxKit's schema.</summary>
internal sealed class FirmwareYaml
{
    [YamlMember(Alias = "version")]
    public string? Version { get; set; }

    [YamlMember(Alias = "compatible")]
    public List<string>? Compatible { get; set; }

    [YamlMember(Alias = "trust")]
    public string? Trust { get; set; }

    [YamlMember(Alias = "data")]
    public DataPartitionYaml? Data { get; set; }
}

/// <summary>The persistent data partition, kept across updates.</summary>
internal sealed class DataPartitionYaml
{
    [YamlMember(Alias = "size")]
    public string? Size { get; set; }

    [YamlMember(Alias = "filesystem")]
    public string? Filesystem { get; set; }

    [YamlMember(Alias = "mount")]
    public string? Mount { get; set; }
}
