using System.ComponentModel;
using Firmware.Device.Config;
using Firmware.Device.Health;
using Firmware.Device.Tests.Telemetry;
using Firmware.HostTools;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Health;

[Trait("Category", "Unit")]
public sealed class HealthCheckTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeSystem _system = new();
    private readonly ScratchDirectory _scratch = new();

    public void Dispose()
    {
        _system.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public void The_status_file_is_one_json_object_per_line_and_extra_keys_are_allowed()
    {
        var services = ServiceStatusFile.Parse("""
            {"name":"sshd","state":"running","pid":412,"restarts":0}

            {"name":"app","state":"failed","restarts":3}
            """, "services");

        Assert.Equal([new ServiceStatus("sshd", "running", 0), new ServiceStatus("app", "failed", 3)], services);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"state\":\"running\"}\nnot json", "services:2: not a service status object")]
    [InlineData("{\"name\":\"a\"}", "services:1: a service status needs \"name\" and \"state\"")]
    public void A_malformed_status_line_is_named(string text, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ServiceStatusException>(() => ServiceStatusFile.Parse(text, "services")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_check_names_each_service_that_is_not_running()
    {
        var path = _scratch.Of("services");
        await File.WriteAllTextAsync(path, "{\"name\":\"sshd\",\"state\":\"running\"}\n{\"name\":\"app\",\"state\":\"failed\",\"restarts\":3}\n");
        var check = new ServicesCheck(new ServiceStatusFile(path), ["sshd", "app", "db"]);

        var result = await check.RunAsync(CancellationToken.None);

        Assert.Equal(new HealthCheckResult("services", false, "app is failed after 3 restarts, db is not known to the init"), result);
        Assert.True((await new ServicesCheck(new ServiceStatusFile(path), ["sshd"]).RunAsync(CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task With_a_minimum_uptime_a_service_passes_only_once_it_has_been_running_that_long()
    {
        var path = _scratch.Of("services");
        var started = _clock.GetUtcNow();
        await File.WriteAllTextAsync(path, $"{{\"name\":\"app\",\"state\":\"running\",\"since\":\"{started:O}\"}}\n{{\"name\":\"old\",\"state\":\"running\"}}\n");
        var check = new ServicesCheck(new ServiceStatusFile(path), ["app"], TimeSpan.FromSeconds(10), _clock);

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new HealthCheckResult("services", false, "app is running for 3 s, need 10"), await check.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.True((await check.RunAsync(CancellationToken.None)).Passed);

        // An init that does not say since when cannot prove the uptime.
        var undated = await new ServicesCheck(new ServiceStatusFile(path), ["old"], TimeSpan.FromSeconds(10), _clock).RunAsync(CancellationToken.None);
        Assert.Equal("old is running, but the init does not say since when (need 10 s up)", undated.Detail);
    }

    [Fact]
    public async Task Services_check_fails_while_the_init_has_written_no_status()
    {
        var result = await new ServicesCheck(new ServiceStatusFile(_scratch.Of("missing")), ["sshd"]).RunAsync(CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Contains("cannot read the init's service status", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000L << 20, true, "1098 MiB available, need 1000")]
    [InlineData(2000L << 20, false, "1098 MiB available, need 2000")]
    public async Task Memory_check_compares_MemAvailable(long minimum, bool passes, string detail)
    {
        Assert.Equal(new HealthCheckResult("memory", passes, detail), await new MemoryCheck(_system.Roots, minimum).RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Memory_check_fails_without_meminfo()
    {
        _system.Delete("proc/meminfo");

        Assert.False((await new MemoryCheck(_system.Roots, 1).RunAsync(CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task Disk_check_compares_free_space_and_fails_for_a_missing_mount()
    {
        var disks = new TableFileSystemStats(new() { ["/data"] = (100L << 20, 40L << 20) });

        Assert.Equal(new HealthCheckResult("disk:/data", true, "40 MiB free, need 32"), await new DiskCheck(disks, "/data", 32L << 20).RunAsync(CancellationToken.None));
        Assert.False((await new DiskCheck(disks, "/data", 64L << 20).RunAsync(CancellationToken.None)).Passed);
        Assert.Equal("/logs is not mounted or cannot be queried", (await new DiskCheck(disks, "/logs", 1).RunAsync(CancellationToken.None)).Detail);
    }

    [Fact]
    public async Task Broker_check_fails_when_the_connect_outlasts_its_timeout()
    {
        var check = new BrokerCheck(new HangingProbe(), "broker", 8883, TimeSpan.FromSeconds(10), _clock);

        var result = await Clocked.RunAsync(check.RunAsync(CancellationToken.None), _clock, TimeSpan.FromSeconds(1));

        Assert.Equal(new HealthCheckResult("broker", false, "broker:8883: no connection within 10 s"), result);
    }

    [Fact]
    public async Task Command_check_reports_the_exit_code_and_output()
    {
        var command = new CommandCheckConfig("selftest", ["/usr/bin/selftest"], TimeSpan.FromSeconds(5));

        var failed = await new CommandCheck(new FixedRunner(new CommandOutcome(3, "sensor missing")), command, _clock).RunAsync(CancellationToken.None);
        var passed = await new CommandCheck(new FixedRunner(new CommandOutcome(0, "")), command, _clock).RunAsync(CancellationToken.None);
        var missing = await new CommandCheck(new FixedRunner(null), command, _clock).RunAsync(CancellationToken.None);

        Assert.Equal(new HealthCheckResult("command:selftest", false, "exited 3: sensor missing"), failed);
        Assert.True(passed.Passed);
        Assert.StartsWith("cannot run /usr/bin/selftest", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_holds_the_configured_checks_in_order()
    {
        var config = AgentConfigParser.Parse(Config.AgentConfigParserTests.Full, "agent.yml");
        var environment = new HealthEnvironment(_system.Roots, new TableFileSystemStats([]), path => new ServiceStatusFile(path), new HangingProbe(), new FixedRunner(null), _clock);

        var checks = HealthChecks.From(config, environment);

        Assert.Equal(["services", "broker", "command:gateway", "command:app-selftest", "memory", "disk:/data"], checks.Select(c => c.Name));
    }

    private sealed class HangingProbe : IBrokerProbe
    {
        public Task ConnectAsync(string host, int port, CancellationToken cancellationToken) => Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
    }

    /// <summary>Ends every command the same way; null means the program cannot be started.</summary>
    private sealed class FixedRunner(CommandOutcome? outcome) : ICommandRunner
    {
        public Task<CommandOutcome> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
            outcome is null ? throw new HostToolMissingException(new HostTool(arguments[0], null), new Win32Exception(2, "No such file or directory")) : Task.FromResult(outcome);
    }
}
