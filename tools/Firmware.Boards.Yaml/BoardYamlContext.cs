using YamlDotNet.Serialization;

namespace Firmware.Boards.Yaml;

/// <summary>The generated (reflection-free, NativeAOT-safe) context for every type in board.yml.</summary>
[YamlStaticContext]
[YamlSerializable(typeof(BoardYaml))]
[YamlSerializable(typeof(BootloaderYaml))]
[YamlSerializable(typeof(DiskYaml))]
[YamlSerializable(typeof(PartitionYaml))]
[YamlSerializable(typeof(KernelYaml))]
[YamlSerializable(typeof(StatusLedYaml))]
[YamlSerializable(typeof(QemuYaml))]
[YamlSerializable(typeof(BenchSectionYaml))]
[YamlSerializable(typeof(LineYaml))]
[YamlSerializable(typeof(ResetLineYaml))]
[YamlSerializable(typeof(ConsoleYaml))]
[YamlSerializable(typeof(PowerMeterYaml))]
public sealed partial class BoardYamlContext : StaticContext;
