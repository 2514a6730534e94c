using Firmware.Device.Health;
using Microsoft.Extensions.Time.Testing;
using static Firmware.Device.Tests.Health.ScriptedCheck.Step;

namespace Firmware.Device.Tests.Health;

[Trait("Category", "Unit")]
public sealed class HealthGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new();

    private HealthGate Gate(params IHealthCheck[] checks) => new(checks, Timeout, Retry, _clock);

    [Fact]
    public async Task Healthy_at_once_when_every_check_passes()
    {
        var gate = Gate(new ScriptedCheck("a", Pass), new ScriptedCheck("b", Pass));

        var verdict = await gate.CheckAsync(CancellationToken.None);

        Assert.True(verdict.Healthy);
        Assert.Null(verdict.Reason);
        Assert.Equal(["a", "b"], verdict.Checks.Select(c => c.Name));
        Assert.Equal(1, gate.Rounds);
    }

    [Fact]
    public async Task Retries_until_one_round_passes_entirely()
    {
        var slow = new ScriptedCheck("services", Fail, Fail, Pass);
        var flaky = new ScriptedCheck("broker", Pass, Fail, Pass);
        var gate = Gate(slow, flaky);

        var verdict = await Clocked.RunAsync(gate.CheckAsync(CancellationToken.None), _clock, TimeSpan.FromSeconds(1));

        Assert.True(verdict.Healthy);
        Assert.Equal(3, gate.Rounds);
        Assert.Equal(TimeSpan.FromSeconds(10), _clock.GetUtcNow() - _clock.Start);
    }

    [Fact]
    public async Task Not_healthy_at_the_deadline_with_the_last_rounds_reasons()
    {
        var gate = Gate(new ScriptedCheck("memory", Fail), new ScriptedCheck("disk:/data", Pass));

        var verdict = await Clocked.RunAsync(gate.CheckAsync(CancellationToken.None), _clock, TimeSpan.FromSeconds(1));

        Assert.False(verdict.Healthy);
        Assert.Equal("memory: attempt 12", verdict.Reason);
        Assert.Equal(12, gate.Rounds);
        Assert.True(_clock.GetUtcNow() - _clock.Start < Timeout);
    }

    [Fact]
    public async Task A_check_that_hangs_fails_as_no_answer_at_the_deadline()
    {
        var gate = Gate(new ScriptedCheck("command:selftest", Hang), new ScriptedCheck("memory", Pass));

        var verdict = await Clocked.RunAsync(gate.CheckAsync(CancellationToken.None), _clock, TimeSpan.FromSeconds(1));

        Assert.Equal("command:selftest: no answer within the gate's 60 s", verdict.Reason);
        // The clock moves in 1 s steps, and cancellation may complete the verdict one step later.
        Assert.InRange(_clock.GetUtcNow() - _clock.Start, Timeout, Timeout + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Stopping_the_agent_is_not_a_verdict()
    {
        using var stop = new CancellationTokenSource();
        var running = Gate(new ScriptedCheck("a", Hang)).CheckAsync(stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task No_checks_is_healthy()
    {
        Assert.True((await Gate().CheckAsync(CancellationToken.None)).Healthy);
    }

    [Fact]
    public void Rejects_a_zero_timeout()
    {
        Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => new HealthGate([], TimeSpan.Zero, Retry, _clock)).ParamName);
    }
}
