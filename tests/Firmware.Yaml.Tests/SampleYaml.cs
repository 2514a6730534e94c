using YamlDotNet.Serialization;

namespace Firmware.Yaml.Tests;

public sealed class ServiceYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "port")]
    public int? Port { get; set; }

    [YamlMember(Alias = "limits")]
    public LimitsYaml? Limits { get; set; }

    [YamlMember(Alias = "tags")]
    public List<string>? Tags { get; set; }
}

public sealed class LimitsYaml
{
    [YamlMember(Alias = "memory-mib")]
    public int? MemoryMib { get; set; }
}

[YamlStaticContext]
[YamlSerializable(typeof(ServiceYaml))]
[YamlSerializable(typeof(LimitsYaml))]
public sealed partial class SampleYamlContext : StaticContext;
