using Firmware.Fleet.Controller.Chunks;

namespace Firmware.Fleet.Controller.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class RolloutIntegrationTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly FleetFixture _fleet = new();

    // xunit 2 ends a test class through IDisposable or IAsyncLifetime, never IAsyncDisposable:
    // IAsyncDisposable only tells the analyzers the fixture is disposed.
    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public Task DisposeAsync() => _fleet.DisposeAsync().AsTask();

    [Fact]
    public async Task Devices_install_wave_by_wave_and_the_rollout_completes()
    {
        await _fleet.StartControllerAsync();
        var ids = new[] { "dev-a", "dev-b", "dev-c", "dev-d" };
        foreach (var id in ids)
        {
            await _fleet.DeviceAsync(id);
        }

        await _fleet.KnowsAsync(ids);
        var rollout = await _fleet.StartRolloutAsync("1,100%", soak: "1s");
        Assert.Equal([1, 4], rollout.Plan);
        Assert.Equal(1, rollout.Started);                                       // the canary alone

        var soaking = await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "soaking", "the canary committed");
        Assert.Equal(1, soaking.Started);
        Assert.Equal(1, soaking.Committed);

        var done = await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "completed", "the rollout completed");
        Assert.Equal(4, done.Committed);
        Assert.Equal(0, done.Failures);
        var devices = await _fleet.Client!.DevicesAsync(CancellationToken.None);
        Assert.All(devices, d => Assert.Equal("2.0.0", d.Version));
        Assert.All(devices, d => Assert.Null(d.Job));
        var metrics = await _fleet.Client.MetricsAsync(CancellationToken.None);
        Assert.Contains($"fleet_rollout_state{{rollout=\"{rollout.Id}\",version=\"2.0.0\",state=\"completed\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("fleet_devices_version{version=\"2.0.0\"} 4", metrics, StringComparison.Ordinal);
        Assert.Contains("fleet_devices{state=\"online\"} 4", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_device_spends_the_budget_the_rollout_aborts_and_devices_in_trial_roll_back()
    {
        await _fleet.StartControllerAsync();
        var failing = await _fleet.DeviceAsync("dev-bad", DeviceBehaviour.FailHealth, tags: "canary");
        var holding = await _fleet.DeviceAsync("dev-hold", DeviceBehaviour.HoldTrial, tags: "canary");
        var spared = await _fleet.DeviceAsync("dev-spared");
        failing.FailAfter = holding.InTrial.Task;                             // so dev-hold is in its trial when the budget runs out
        await _fleet.KnowsAsync("dev-bad", "dev-hold", "dev-spared");
        var rollout = await _fleet.StartRolloutAsync("100%", maxFailures: "0", target: "tag=canary");
        Assert.Equal(2, rollout.Targets);

        // dev-hold waits in its trial, so the only failure is dev-bad's own rollback.
        var aborted = await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "aborted" && r.InFlight == 0, "the rollout aborted and every job ended");
        Assert.Contains("failure budget", aborted.Reason, StringComparison.Ordinal);
        Assert.Equal(1, aborted.Failures);
        Assert.Equal("rolledBack", aborted.Jobs.Single(j => j.Device == "dev-bad").State);
        var held = aborted.Jobs.Where(j => j.Device == "dev-hold").ToList();
        Assert.Contains(held, j => j.Action == "rollback" && j.State == "rolledBack");
        Assert.Equal("1.0.0", holding.Version);
        Assert.Equal("1.0.0", failing.Version);
        Assert.Empty(spared.Reports);
        await _fleet.Until(async () => (await _fleet.Client!.DevicesAsync(CancellationToken.None)).All(d => d.Version == "1.0.0" && d.Job is null), "every device runs 1.0.0 again");
    }

    [Fact]
    public async Task An_offline_device_gets_its_job_when_it_connects()
    {
        await _fleet.StartControllerAsync();
        var late = await _fleet.DeviceAsync("dev-late");
        await _fleet.KnowsAsync("dev-late");
        await late.DisconnectAsync();
        await _fleet.Until(async () => (await _fleet.Client!.DevicesAsync(CancellationToken.None)).Single().Online == false, "the controller sees it offline");

        var rollout = await _fleet.StartRolloutAsync("100%");
        Assert.Equal(1, rollout.Started);
        Assert.Equal("queued", Assert.Single(rollout.Jobs).State);
        await late.ConnectAsync();
        var done = await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "completed", "the late device committed");
        Assert.Equal(1, done.Committed);
    }

    [Fact]
    public async Task Chunk_requests_are_paced_by_the_device_rate_and_the_download_still_completes()
    {
        // About 40 KB at 8 KiB/s: after the first second's burst, chunks wait for the device's bucket
        // (a device slower than that by itself would never wait, hence so low a rate).
        var controller = await _fleet.StartControllerAsync(new ChunkRates(8 << 10, 1 << 20));
        await _fleet.DeviceAsync("dev-slow");
        await _fleet.KnowsAsync("dev-slow");
        var rollout = await _fleet.StartRolloutAsync("100%");
        await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "completed", "the paced download finished");
        Assert.True(controller.Counters[ControllerCounter.ChunksDelayed] > 0);
        Assert.True(controller.Counters[ControllerCounter.ChunkBytesServed] >= new FileInfo(_fleet.BundlePath).Length - 2048);
    }

    [Fact]
    public async Task A_controller_stopped_mid_rollout_resumes_on_the_same_database_and_finishes()
    {
        await _fleet.StartControllerAsync();
        var ids = new[] { "dev-1", "dev-2", "dev-3" };
        foreach (var id in ids)
        {
            await _fleet.DeviceAsync(id);
        }

        await _fleet.KnowsAsync(ids);
        var rollout = await _fleet.StartRolloutAsync("1,100%", soak: "3s");
        await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "soaking", "the canary committed");
        await _fleet.StopControllerAsync();

        await _fleet.StartControllerAsync();
        var resumed = await _fleet.Client!.RolloutAsync(rollout.Id, CancellationToken.None);
        Assert.Contains(resumed.State, new[] { "soaking", "installing" });
        var done = await _fleet.RolloutUntilAsync(rollout.Id, r => r.State == "completed", "the restarted controller finished the rollout");
        Assert.Equal(3, done.Committed);
    }
}
