using YamlDotNet.Serialization;

namespace Firmware.Image.Yaml;

// A package definition (pkg.yml, read by fwtool pkg build DIR) exactly as written. Its config:
// section is the same per-container schema as an image spec's entries; it becomes the built
// image's org.mobyproject.config label.

/// <summary>The top-level mapping of pkg.yml.</summary>
internal sealed class PackageYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "architectures")]
    public List<string>? Architectures { get; set; }

    [YamlMember(Alias = "entrypoint")]
    public List<string>? Entrypoint { get; set; }

    [YamlMember(Alias = "cmd")]
    public List<string>? Cmd { get; set; }

    [YamlMember(Alias = "env")]
    public List<string>? Env { get; set; }

    [YamlMember(Alias = "workdir")]
    public string? Workdir { get; set; }

    [YamlMember(Alias = "user")]
    public string? User { get; set; }

    [YamlMember(Alias = "config")]
    public RuntimeOptionsYaml? Config { get; set; }

    [YamlMember(Alias = "files")]
    public List<PackageFileYaml>? Files { get; set; }
}

/// <summary>A file of the package: copied from the package directory into the image.</summary>
internal sealed class PackageFileYaml
{
    [YamlMember(Alias = "source")]
    public string? Source { get; set; }

    [YamlMember(Alias = "destination")]
    public string? Destination { get; set; }

    [YamlMember(Alias = "uid")]
    public int? Uid { get; set; }

    [YamlMember(Alias = "gid")]
    public int? Gid { get; set; }

    [YamlMember(Alias = "mode")]
    public string? Mode { get; set; }
}
