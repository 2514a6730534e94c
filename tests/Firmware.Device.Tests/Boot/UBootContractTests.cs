using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.UBoot;

namespace Firmware.Device.Tests.Boot;

/// <summary>The contract over a U-Boot environment in a file: one copy, or two with the flags byte.</summary>
public abstract class UBootContractTests : BootControlContract
{
    private const int Size = 0x4000;
    private readonly string _image;
    private readonly string _config;
    private readonly bool _redundant;

    protected UBootContractTests(bool redundant, string configLines)
    {
        _redundant = redundant;
        _image = Scratch.Of("env.bin");
        _config = Scratch.Of("fw_env.config");
        File.WriteAllText(_config, configLines.Replace("IMAGE", _image, StringComparison.Ordinal));
        var environment = new UBootEnvironment();
        environment.Set("bootcmd", "run distro_bootcmd");
        var bytes = new byte[redundant ? 2 * Size : Size];
        environment.ToBytes(Size, redundant ? (byte)1 : null).CopyTo(bytes, 0);
        File.WriteAllBytes(_image, bytes);
    }

    protected override IBootControl Open() => UBootBootControl.FromConfigFile(_config, Scratch.Of("fw_printenv.lock"));

    protected override byte[] Snapshot() => File.ReadAllBytes(_image);

    protected override void Corrupt() => File.WriteAllBytes(_image, new byte[_redundant ? 2 * Size : Size]);
}

[Trait("Category", "Unit")]
public sealed class UBootSingleContractTests() : UBootContractTests(redundant: false, "# device offset size\nIMAGE 0x0 0x4000\n");

/// <summary>Decimal offset, sizes with and without 0x, optional columns: read as fw_printenv reads them.</summary>
[Trait("Category", "Unit")]
public sealed class UBootRedundantContractTests() : UBootContractTests(redundant: true, "IMAGE\t0\t4000\nIMAGE\t16384\t0x4000\t0x4000\t1\n");
