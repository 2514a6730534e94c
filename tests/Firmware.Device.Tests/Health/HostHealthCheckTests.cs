using System.Net;
using System.Net.Sockets;
using Firmware.Device.Config;
using Firmware.Device.Health;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Device.Tests.Health;

/// <summary>The checks against the real OS: processes, loopback TCP, statvfs.</summary>
[Trait("Category", "Integration")]
public sealed class HostHealthCheckTests
{
    private readonly FakeTimeProvider _clock = new();

    private static CommandCheck Command(string[] run, TimeProvider clock, int timeoutSeconds = 30) =>
        new(new ProcessCommandRunner(), new CommandCheckConfig("c", run, TimeSpan.FromSeconds(timeoutSeconds)), clock);

    [Fact]
    public async Task Commands_pass_on_exit_0_and_fail_otherwise()
    {
        Assert.True((await Command(["/bin/true"], _clock).RunAsync(CancellationToken.None)).Passed);
        Assert.Equal("exited 3: oops", (await Command(["/bin/sh", "-c", "echo oops >&2; exit 3"], _clock).RunAsync(CancellationToken.None)).Detail);
        Assert.StartsWith("cannot run /nonexistent", (await Command(["/nonexistent"], _clock).RunAsync(CancellationToken.None)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed()
    {
        var check = Command(["/bin/sleep", "600"], _clock, timeoutSeconds: 5);

        var running = check.RunAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("killed after 5 s", result.Detail);
    }

    [Fact]
    public async Task Broker_check_connects_to_a_listening_port_and_fails_on_a_closed_one()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new TcpBrokerProbe();

        var open = await new BrokerCheck(probe, "127.0.0.1", port, TimeSpan.FromSeconds(10), TimeProvider.System).RunAsync(CancellationToken.None);
        listener.Stop();
        var closed = await new BrokerCheck(probe, "127.0.0.1", port, TimeSpan.FromSeconds(10), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(open.Passed, open.Detail);
        Assert.False(closed.Passed);
        Assert.StartsWith($"127.0.0.1:{port}: ", closed.Detail, StringComparison.Ordinal);
    }
}
