using System.Buffers;
using Firmware.Device.Boot;
using Firmware.Device.Fleet;
using Firmware.Device.Slots;
using Firmware.Device.Tests.Fleet;
using Firmware.Device.Tests.Simulation;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Runtime;

/// <summary>
/// The device runtime against a real Mosquitto, with a controller double that publishes a job and
/// answers chunk requests from a signed bundle per docs/protocol.md; file slots and the simulated
/// bootloader, the reboot played by a new runtime over the same files after the bootloader's power-on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FleetRuntimeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ScratchDirectory _scratch = new();
    private readonly MosquittoProcess _broker;
    private readonly BundlePieces _pieces;
    private readonly byte[] _image = TestBundles.Image(120_000, 6);

    public FleetRuntimeTests()
    {
        _broker = MosquittoProcess.Anonymous(_scratch.Path);
        _pieces = new BundlePieces(TestBundles.Bundle(_image));
    }

    public void Dispose()
    {
        _broker.Dispose();
        _scratch.Dispose();
    }

    private RuntimeDevice Device() => new(_scratch.Of("dev-1"), "dev-1", _broker.Url);

    private async Task<ControllerDouble> ControllerAsync(ControllerDouble? controller = null)
    {
        controller ??= new ControllerDouble(_pieces);
        await controller.ConnectAsync(_broker.Url, CancellationToken.None);
        return controller;
    }

    [Fact]
    public async Task A_job_goes_from_offered_to_rebooting_then_after_the_reboot_to_committed_reported_once_with_increasing_seqs()
    {
        var device = Device();
        using var controller = await ControllerAsync();
        await InstallUntilRebootAsync(device, controller);

        Assert.Equal([null], device.Reboot.Restarts);
        Assert.Equal(SlotName.B, device.PowerOn());
        await using (var after = device.Start())
        {
            var reports = await ReportsUntilFinalAsync(controller);
            Assert.Equal(ProgressState.Committed, reports[^1].State);
            Assert.Equal(JobOutcome.Committed, reports[^1].Outcome);
            Assert.Equal(Enumerable.Range(1, reports.Count).Select(i => (long)i), reports.Select(r => r.Seq));
            var states = reports.Select(r => r.State).Distinct().ToList();
            Assert.Equal(
                [ProgressState.Accepted, ProgressState.Downloading, ProgressState.Verifying, ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting, ProgressState.Trial, ProgressState.Committed],
                states);
            var downloading = reports.Where(r => r.State == ProgressState.Downloading).Select(r => r.ChunksDone).ToList();
            Assert.Equal(downloading.Order(), downloading);
            Assert.All(reports, r => Assert.Equal(_pieces.Chunks.Count, r.ChunksTotal));
            Assert.Equal(_pieces.Chunks.Count, reports.First(r => r.State == ProgressState.Verifying).ChunksDone);

            // The retained job comes again with every reconnect; the finished job is not acted on twice.
            await after.Runtime.Connection!.DropAsync(CancellationToken.None);
            await Until(() => after.Runtime.Connection!.Connections >= 2, "the reconnect");
            await AssertNoReportAsync(controller);
        }

        Assert.Equal(new BootState(SlotName.B, null, 0), device.Boot.Read());
        Assert.Equal(_image, File.ReadAllBytes(device.Slot(SlotName.B))[.._image.Length]);

        // The agent restarts: its birth names the committed version, not the one flashed.
        await using (var restarted = device.Start())
        {
            DeviceState birth;
            do
            {
                birth = DeviceState.Parse((await controller.NextAsync(FleetTopicKind.State, Timeout)).Payload.ToArray());
            }
            while (birth.State != DeviceStatus.Online || birth.BootCount != 3);

            Assert.Equal("1.1.0", birth.Version);
            Assert.Equal("B", birth.Slot);
        }
    }

    [Fact]
    public async Task A_commit_in_the_trial_republishes_the_retained_state_with_the_new_version_without_a_restart()
    {
        var device = Device();
        using var controller = await ControllerAsync();
        await InstallUntilRebootAsync(device, controller);

        Assert.Equal(SlotName.B, device.PowerOn());
        device.HoldTrial = new TaskCompletionSource();
        await using var trial = device.Start();
        var birth = await NextBirthAsync(controller, b => b.Slot == "B");
        Assert.Equal(FuzzKeys.InstalledVersion, birth.Version);
        Assert.Equal("B", birth.Slot);
        await Until(() => trial.Runtime.Checkpoint?.Update?.State == Firmware.Device.Updates.UpdateStateName.Trial, "the trial");

        // The health gate passes: the same runtime, no reboot, says what now runs.
        device.HoldTrial.SetResult();
        var committed = await NextBirthAsync(controller, b => b.Version != FuzzKeys.InstalledVersion);
        Assert.Equal("1.1.0", committed.Version);
        Assert.Equal("B", committed.Slot);
        Assert.Equal(birth.BootCount, committed.BootCount);
        Assert.Equal(1, trial.Runtime.Connection!.Connections);

        // What a controller that connects later reads is the retained copy: the new version.
        using var late = await ControllerAsync(new ControllerDouble(_pieces));
        Assert.Equal("1.1.0", (await NextBirthAsync(late, _ => true)).Version);
    }

    [Fact]
    public async Task A_malformed_retained_job_with_a_readable_id_is_reported_rejected_once()
    {
        var device = Device();
        using var controller = await ControllerAsync();
        await using var running = device.Start();
        await running.Runtime.Ready.WaitAsync(Timeout);

        // An install without its bundle: valid JSON, a readable jobId, refused by the strict parse.
        var job = System.Text.Encoding.UTF8.GetBytes("""{"schema":1,"jobId":"job-bad","rolloutId":"r-1","action":"install","deadline":"2126-01-01T00:00:00Z"}""");
        await controller.PublishJobAsync("dev-1", job);

        var rejected = Assert.Single(await ReportsUntilFinalAsync(controller));
        Assert.Equal(("job-bad", ProgressState.Rejected, 1L), (rejected.JobId, rejected.State, rejected.Seq));
        Assert.Equal("MalformedPayload", rejected.Error?.Code);
        Assert.Contains("'bundle' is required for install", rejected.Error?.Detail, StringComparison.Ordinal);
        Assert.Null(running.Runtime.Engine.Checkpoint.Update);

        // The retained copy comes again after a reconnect: not reported twice.
        await running.Runtime.Connection!.DropAsync(CancellationToken.None);
        await Until(() => running.Runtime.Connection!.Connections >= 2, "the reconnect");
        await AssertNoReportAsync(controller);

        // Without a readable id there is nobody to tell: dropped, and the device carries on.
        await controller.PublishJobAsync("dev-1", System.Text.Encoding.UTF8.GetBytes("""{"schema":1,"jobId":"no/such id","action":"install"}"""));
        await AssertNoReportAsync(controller);
        await controller.PublishJobAsync("dev-1", _pieces.Job);
        Assert.Equal(ProgressState.Accepted, ProgressReport.Parse((await controller.NextAsync(FleetTopicKind.Progress, Timeout)).Payload.ToArray()).State);
    }

    [Fact]
    public async Task A_stale_retained_job_already_finished_is_ignored_after_a_restart()
    {
        var device = Device();
        using var controller = await ControllerAsync();
        var job = _pieces.Job with { JobId = "job-stale", Deadline = DateTimeOffset.UnixEpoch.AddYears(100) };
        await using (var first = device.Start())
        {
            await first.Runtime.Ready.WaitAsync(Timeout);
            // A cancel for a job the device never started: reported cancelled, and finished.
            await controller.PublishJobAsync("dev-1", job with { Action = JobAction.Cancel, Bundle = null });
            var cancelled = Assert.Single(await ReportsUntilFinalAsync(controller));
            Assert.Equal(ProgressState.Cancelled, cancelled.State);
        }

        // The controller crashed before clearing the retained job: the restarted device sees it again.
        await using var second = device.Start();
        await second.Runtime.Ready.WaitAsync(Timeout);
        await Until(() => second.Runtime.Connection is { Connections: >= 1 }, "the connection");
        await AssertNoReportAsync(controller);
        Assert.Null(second.Runtime.Engine.Checkpoint.Update);
    }

    [Fact]
    public async Task A_download_past_its_job_s_deadline_stops_and_is_reported_cancelled()
    {
        var device = Device();
        using var slow = await ControllerAsync(new ControllerDouble(_pieces) { ResponseDelay = TimeSpan.FromMilliseconds(300) });
        await using var running = device.Start();
        await running.Runtime.Ready.WaitAsync(Timeout);
        var deadline = running.Runtime.Now.AddSeconds(3);
        await slow.PublishJobAsync("dev-1", _pieces.Job with { Deadline = deadline });

        var final = (await ReportsUntilFinalAsync(slow))[^1];

        Assert.Equal(ProgressState.Cancelled, final.State);
        Assert.Equal("Cancelled", final.Error?.Code);
        Assert.Contains("deadline", final.Error?.Detail, StringComparison.Ordinal);
        Assert.Equal(new BootState(SlotName.A, null, 0), device.Boot.Read());
        Assert.Equal(new byte[RuntimeDevice.SlotSize], File.ReadAllBytes(device.Slot(SlotName.B)));
    }

    [Fact]
    public async Task A_rollback_job_during_the_trial_reverts_to_the_old_slot_and_is_reported_rolled_back()
    {
        var device = Device();
        using var controller = await ControllerAsync();
        await InstallUntilRebootAsync(device, controller);

        Assert.Equal(SlotName.B, device.PowerOn());
        device.HoldTrial = new TaskCompletionSource();
        await using (var trial = device.Start())
        {
            while (ProgressReport.Parse((await controller.NextAsync(FleetTopicKind.Progress, Timeout)).Payload.ToArray()).State != ProgressState.Trial)
            {
            }

            await controller.PublishJobAsync("dev-1", _pieces.Job with { Action = JobAction.Rollback, Bundle = null });
            await trial.Runtime.RebootRequested.WaitAsync(Timeout);
        }

        Assert.Equal(SlotName.A, device.PowerOn());
        await using (var back = device.Start())
        {
            var final = (await ReportsUntilFinalAsync(controller))[^1];
            Assert.Equal(ProgressState.RolledBack, final.State);
            Assert.Equal(JobOutcome.RolledBack, final.Outcome);
        }

        Assert.Equal(new BootState(SlotName.A, null, 0), device.Boot.Read());
    }

    [Fact]
    public async Task A_damaged_chunk_is_refused_and_asked_for_again()
    {
        var device = Device();
        using var controller = await ControllerAsync(new ControllerDouble(_pieces) { TamperOnce = [1, 3] });
        await using var running = device.Start();
        await running.Runtime.Ready.WaitAsync(Timeout);
        await controller.PublishJobAsync("dev-1", _pieces.Job);
        await running.Runtime.RebootRequested.WaitAsync(Timeout);

        lock (device.Log)
        {
            Assert.Contains(device.Log, line => line.StartsWith($"chunk 1 of bundle {_pieces.Id} refused", StringComparison.Ordinal));
            Assert.Contains(device.Log, line => line.StartsWith($"chunk 3 of bundle {_pieces.Id} refused", StringComparison.Ordinal));
        }

        Assert.Equal(2, controller.Requested.Count(i => i == 1));
        Assert.Equal(_image, File.ReadAllBytes(device.Slot(SlotName.B))[.._image.Length]);
    }

    [Fact]
    public async Task A_kill_in_the_middle_of_the_download_resumes_from_the_bitmap()
    {
        var device = Device();
        var bitmap = Path.Combine(device.DataDirectory, "jobs", "job-1", "download", "chunks.bitmap");
        using (var slow = await ControllerAsync(new ControllerDouble(_pieces) { ResponseDelay = TimeSpan.FromMilliseconds(40) }))
        {
            await using var first = device.Start();
            await first.Runtime.Ready.WaitAsync(Timeout);
            await slow.PublishJobAsync("dev-1", _pieces.Job);
            await Until(() => File.Exists(bitmap) && ChunkBitmap.Load(bitmap, _pieces.Chunks.Count).Done >= _pieces.Chunks.Count / 3, "a third of the chunks");
        }

        var done = ChunkBitmap.Load(bitmap, _pieces.Chunks.Count);
        Assert.False(done.Complete);
        int[] before = [.. Enumerable.Range(0, _pieces.Chunks.Count).Where(done.Has)];

        // A new controller, so what it is asked for comes from the restarted agent only (not from requests of the first still in flight).
        using var controller = await ControllerAsync();
        await using var second = device.Start();
        await second.Runtime.RebootRequested.WaitAsync(Timeout);
        var askedAfter = controller.Requested.ToList();
        Assert.NotEmpty(askedAfter);
        Assert.Empty(askedAfter.Intersect(before));
        Assert.DoesNotContain(FleetLimits.HeaderIndex, askedAfter);
        Assert.Equal(_image, File.ReadAllBytes(device.Slot(SlotName.B))[.._image.Length]);
    }

    /// <summary>The agent takes the job, writes and arms the new slot, and asks for the reboot.</summary>
    private async Task InstallUntilRebootAsync(RuntimeDevice device, ControllerDouble controller)
    {
        await using var running = device.Start();
        await running.Runtime.Ready.WaitAsync(Timeout);
        await controller.PublishJobAsync("dev-1", _pieces.Job);
        await running.Runtime.RebootRequested.WaitAsync(Timeout);
    }

    /// <summary>
    /// Progress reports of the device, in arrival order, until the final one, with repeats dropped
    /// as the controller drops them (a report re-sent after a reconnect or reboot keeps its seq and
    /// must be the same report).
    /// </summary>
    private static async Task<List<ProgressReport>> ReportsUntilFinalAsync(ControllerDouble controller)
    {
        var reports = new List<ProgressReport>();
        var seen = new Dictionary<long, string>();
        while (reports.Count == 0 || !reports[^1].IsTerminal)
        {
            var message = await controller.NextAsync(FleetTopicKind.Progress, Timeout);
            var json = System.Text.Encoding.UTF8.GetString(message.Payload.ToArray());
            var report = ProgressReport.Parse(message.Payload.ToArray());
            if (seen.TryGetValue(report.Seq, out var earlier))
            {
                Assert.Equal(earlier, json);
                continue;
            }

            seen.Add(report.Seq, json);
            reports.Add(report);
        }

        return reports;
    }

    /// <summary>The next online birth of the device that <paramref name="wanted"/> accepts.</summary>
    private static async Task<DeviceState> NextBirthAsync(ControllerDouble controller, Func<DeviceState, bool> wanted)
    {
        while (true)
        {
            var state = DeviceState.Parse((await controller.NextAsync(FleetTopicKind.State, Timeout)).Payload.ToArray());
            if (state.State == DeviceStatus.Online && wanted(state))
            {
                return state;
            }
        }
    }

    /// <summary>No progress report arrives within a few seconds (the device had every chance: it is connected).</summary>
    private static async Task AssertNoReportAsync(ControllerDouble controller)
    {
        var extra = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => controller.NextAsync(FleetTopicKind.Progress, TimeSpan.FromSeconds(3)));
        Assert.NotNull(extra);
    }

    private static Task Until(Func<bool> condition, string what) => Eventually.Until(condition, what, Timeout);
}
