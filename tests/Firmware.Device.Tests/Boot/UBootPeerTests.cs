using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.UBoot;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>fw_printenv and fw_setenv (libubootenv-tool) are the peers, on single and redundant environments in files.</summary>
[Trait("Category", "Integration")]
public sealed class UBootPeerTests : IDisposable
{
    private const int Size = 0x4000;
    private readonly ScratchDirectory _scratch = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fw_printenv_shows_the_armed_trial(bool redundant)
    {
        var config = Setup(redundant);

        UBootBootControl.FromConfigFile(config).ArmTrial(SlotName.B, 3);

        Assert.Equal("bootcmd=run distro_bootcmd\nfw_trial=B\nfw_tries=3\n", Tool("fw_printenv", "-c", config));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_backend_reads_what_fw_setenv_wrote(bool redundant)
    {
        var config = Setup(redundant);

        Tool("fw_setenv", "-c", config, "fw_primary", "B");
        Tool("fw_setenv", "-c", config, "fw_trial", "A");
        Tool("fw_setenv", "-c", config, "fw_tries", "2");

        Assert.Equal(new BootState(SlotName.B, SlotName.A, 2), UBootBootControl.FromConfigFile(config).Read());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backend_and_fw_setenv_take_turns_without_losing_a_write(bool redundant)
    {
        var config = Setup(redundant);
        var control = UBootBootControl.FromConfigFile(config);

        for (var round = 0; round < 3; round++)
        {
            control.ArmTrial(SlotName.B, 3);
            Tool("fw_setenv", "-c", config, "fw_tries", "1");                  // what the boot script does
            Assert.Equal(new BootState(SlotName.A, SlotName.B, 1), control.Read());
            control.Rollback();
            Assert.Equal("bootcmd=run distro_bootcmd\n", Tool("fw_printenv", "-c", config));
        }

        control.ArmTrial(SlotName.B, 1);
        control.Commit(SlotName.B);
        Assert.Equal("B\n", Tool("fw_printenv", "-c", config, "-n", "fw_primary"));
    }

    private string Setup(bool redundant)
    {
        var image = _scratch.Of("env.bin");
        var environment = new UBootEnvironment();
        environment.Set("bootcmd", "run distro_bootcmd");
        var bytes = new byte[redundant ? 2 * Size : Size];
        environment.ToBytes(Size, redundant ? (byte)0 : null).CopyTo(bytes, 0);
        File.WriteAllBytes(image, bytes);
        var config = _scratch.Of("fw_env.config");
        File.WriteAllText(config, redundant ? $"{image} 0x0 0x4000\n{image} 0x4000 0x4000\n" : $"{image} 0 4000\n");
        return config;
    }

    private string Tool(string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args, _scratch.Path);
        Assert.True(result.ExitCode == 0, $"{program}: {result}");
        return result.Stdout;
    }

    public void Dispose() => _scratch.Dispose();
}
