using System.Text.Json;

namespace Firmware.Agent.Tests;

/// <summary>The arm64 build: published without warnings, linking only the C library, and working under emulation.</summary>
[Trait("Category", "System")]
public sealed class Arm64AgentTests : IClassFixture<PublishedArm64Agent>
{
    private readonly PublishedArm64Agent _agent;

    public Arm64AgentTests(PublishedArm64Agent agent) => _agent = agent;

    [Fact]
    public void Is_an_aarch64_executable_linking_only_the_C_library_with_no_publish_warnings()
    {
        var header = ProcessRunner.Run("readelf", ["-h", _agent.Executable], _agent.Directory);

        Assert.Contains("AArch64", header.Stdout, StringComparison.Ordinal);
        Assert.Equal(["ld-linux-aarch64.so.1", "libc.so.6", "libm.so.6"], NativePublish.NeededLibraries(_agent.Executable));
        Assert.DoesNotContain("warning", _agent.PublishOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reads_its_configuration_and_takes_a_telemetry_sample_under_qemu()
    {
        var config = AgentConfigFiles.WriteOffline(_agent.Directory);

        var check = _agent.Agent("config", "check", "--config", config);
        var sample = _agent.Agent("telemetry", "--once", "--config", config, "--slot", "B", "--version", "2.0.0");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(sample.ExitCode == 0, sample.ToString());
        using var json = JsonDocument.Parse(sample.Stdout);
        Assert.Equal("B", json.RootElement.GetProperty("slot").GetString());
        Assert.True(json.RootElement.GetProperty("memory").GetProperty("totalBytes").GetInt64() > 0);
        Assert.True(json.RootElement.GetProperty("disks")[0].GetProperty("totalBytes").GetInt64() > 0);
    }
}
