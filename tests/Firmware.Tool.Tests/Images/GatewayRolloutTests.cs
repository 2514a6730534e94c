using System.Globalization;
using System.Text.Json;
using Firmware.Fleet.Controller.Api;
using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// The end-to-end scenario of docs/e2e.md on one QEMU board (TCG, OVMF, the real GRUB) whose disk
/// lives on across power cycles (<c>fwtool run qemu --disk</c>), against Mosquitto on the host's
/// loopback and <c>fwtool fleet serve</c>: gateway v1 boots and its agent announces 0.1.0; v2 rolls
/// out over MQTT, is written to slot B, trial-booted and committed, and a power cycle stays on B;
/// v3's heartbeat fails, so its trial of slot A rolls back and the rollout aborts; v4's init exits,
/// so GRUB's try counter falls back to B with no help from userspace and the agent reports the
/// failed trial; v5's download is cut by killing QEMU, and the next boot resumes it and commits.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class GatewayRolloutTests : IDisposable
{
    private const string Ready = "fwagent: ready";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    // v4's /sbin/init, over fwinit: it exits at once, so the kernel panics ("Attempted to kill init")
    // and, with the image's panic=10, resets: the slot never reaches its services.
    private const string NoInit = """

        files:
          - path: sbin/init
            contents: "#!/bin/busybox sh\necho 'v4: init exits' > /dev/console\nexit 1\n"
            mode: "0755"

        """;

    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;
    private QemuGuest? _guest;
    private string _board = "";
    private string _controllerUrl = "";

    public GatewayRolloutTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
    }

    public void Dispose()
    {
        _guest?.Dispose();
        _cli.Dispose();
    }

    /// <summary>
    /// qemu-x86_64, and with <c>FW_E2E_ARM64=1</c> qemu-arm64 too: the arm64 run has passed here, but
    /// one earlier run stalled in fwinit's shutdown (docs/e2e.md, "Limits"), so it is not yet in the
    /// suite that gates a landing.
    /// </summary>
    public static TheoryData<string, string> Boards()
    {
        var boards = new TheoryData<string, string> { { "qemu-x86_64", "amd64" } };
        if (Environment.GetEnvironmentVariable("FW_E2E_ARM64") == "1")
        {
            boards.Add("qemu-arm64", "arm64");
        }

        return boards;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public async Task A_board_commits_v2_rolls_back_v3_falls_back_from_v4_and_resumes_v5_after_a_power_cut(string board, string arch)
    {
        _board = board;
        var gateway = new GatewayImages(_cli, _images, arch);
        // A failing trial gives up after 60 s here rather than the image's 120.
        File.WriteAllText(_cli.PathOf("gateway/agent.yml"), BootableImages.Replace(File.ReadAllText(_cli.PathOf("gateway/agent.yml")), "timeout-s: 120", "timeout-s: 60"));
        var good = gateway.Spec("gateway");
        var v1 = gateway.Build(good, board, "0.1.0");
        gateway.Build(good, board, "0.2.0");
        gateway.Build(good, board, "0.5.0");
        gateway.Build(gateway.Spec("failing", text => BootableImages.Replace(text,
            "command: [\"/bin/sh\", \"-c\", \"while true; do echo \\\"heartbeat $(cat /etc/hostname)\\\" > /dev/console; sleep 10; done\"]",
            "command: [\"/bin/sh\", \"-c\", \"echo 'heartbeat: failing at once' > /dev/console; exit 1\"]")), board, "0.3.0");
        gateway.Build(gateway.Spec("noinit", text => BootableImages.Replace(text, "\nfiles:\n", NoInit)), board, "0.4.0");
        _output.WriteLine($"v1: {BootableImages.Sizes(v1)}");

        using var broker = MosquittoProcess.Anonymous(_cli.Directory);
        await using var fleet = new FleetServeProcess(_cli.Directory, broker.Port);
        _controllerUrl = fleet.Url;
        using var control = new ControlClient(new Uri(fleet.Url));

        // v1 boots from the flashed disk; its agent's birth carries the version the image stamped.
        Boot(broker.Port);
        var ready = await _guest!.WaitFor(Ready, 1, Step);
        await Device(control, d => d is { Online: true, Version: "0.1.0", Slot: "A", Board: var b } && b == board, "gateway-0001 online at 0.1.0 in slot A");
        Assert.Contains("fw-initramfs: ESP mounted (/dev/vda1 on /boot/efi)", _guest.Console, StringComparison.Ordinal);
        _output.WriteLine($"v1: start to agent ready {ready.TotalSeconds:F1} s");

        // v2 over MQTT into slot B, a trial boot through GRUB, the health gate, commit.
        var v2 = await Rollout(control, "gateway", "0.2.0");
        var installing = await _guest.WaitFor("installing 0.2.0", 1, Step);
        var rebooting = await _guest.WaitFor("fwagent: rebooting into slot B", 1, Step);
        await _guest.WaitFor("fw-grub: booting slot B", 1, Step);
        var committed = await _guest.WaitFor("): Committed", 1, Step);
        var done = await Finished(control, v2);
        Assert.Equal(("completed", 1), (done.State, done.Committed));
        await Device(control, d => d is { Version: "0.2.0", Slot: "B" }, "gateway-0001 at 0.2.0 in slot B");
        _output.WriteLine($"v2: download and install {(rebooting - installing).TotalSeconds:F1} s, reboot to committed {(committed - rebooting).TotalSeconds:F1} s");

        // Power off and on: the commit is on the disk, so GRUB boots B again.
        PowerCycle(broker.Port);
        await _guest.WaitFor("fw-grub: booting slot B", 1, Step);
        await _guest.WaitFor(Ready, 1, Step);
        Assert.Contains("fwagent: ready (device gateway-0001, slot B,", _guest.Console, StringComparison.Ordinal);
        Assert.Equal(0, _guest.Count("fw-grub: booting slot A"));

        // v3's heartbeat fails at once: the trial of slot A rolls back to B, and the rollout aborts on its budget.
        var v3 = await Rollout(control, "failing", "0.3.0");
        await _guest.WaitFor("fw-grub: booting slot A", 1, Step);
        await _guest.WaitFor("heartbeat: failing at once", 1, Step);
        var reverting = await _guest.WaitFor("): Reverting", 1, Step);
        await _guest.WaitFor("fw-grub: booting slot B", 2, Step);
        var aborted = await Finished(control, v3);
        Assert.Equal("aborted", aborted.State);
        Assert.Contains("heartbeat", aborted.Jobs.Single().Error, StringComparison.Ordinal);
        await Device(control, d => d is { Version: "0.2.0", Slot: "B", Online: true }, "gateway-0001 back at 0.2.0 in slot B");
        _output.WriteLine($"v3: {aborted.Jobs.Single().State}: {aborted.Jobs.Single().Error}; reverting seen at {reverting.TotalSeconds:F1} s");

        // v4's init exits at once: each try panics and resets until GRUB's counter boots B by itself.
        var v4 = await Rollout(control, "noinit", "0.4.0");
        await _guest.WaitFor("v4: init exits", 3, Step);
        Assert.Contains("Kernel panic - not syncing: Attempted to kill init", _guest.Console, StringComparison.Ordinal);
        await _guest.WaitFor("fw-grub: booting slot B", 3, Step);
        var fellBack = await Finished(control, v4);
        Assert.Equal("aborted", fellBack.State);
        Assert.Equal(4, _guest.Count("fw-grub: booting slot A")); // v3's trial and v4's three tries
        await Device(control, d => d is { Version: "0.2.0", Slot: "B", Online: true }, "gateway-0001 at 0.2.0 in slot B after the fallback");
        _output.WriteLine($"v4: {fellBack.Jobs.Single().State}: {fellBack.Jobs.Single().Error}");

        // v5: the power is cut a third of the way through the download; the next boot resumes it.
        var servedBefore = await ChunksServed(control);
        var v5 = await Rollout(control, "gateway", "0.5.0");
        JobView job = null!;
        await Eventually.Until(async () => (job = (await Politely(() => control.RolloutAsync(v5, CancellationToken.None))).Jobs.Single()).ChunksDone * 3 >= job.ChunksTotal && job.ChunksTotal > 0,
            "a third of v5's chunks downloaded", Step, () => $"{job?.ChunksDone} of {job?.ChunksTotal}");
        var servedAtCut = await ChunksServed(control);
        PowerCycle(broker.Port);
        await _guest.WaitFor("fw-grub: booting slot B", 1, Step);
        await _guest.WaitFor("fwagent: rebooting into slot A", 1, Step);
        await _guest.WaitFor("): Committed", 1, Step);
        var resumed = await Finished(control, v5);
        Assert.Equal(("completed", 1), (resumed.State, resumed.Committed));
        await Device(control, d => d is { Version: "0.5.0", Slot: "A" }, "gateway-0001 at 0.5.0 in slot A");
        var servedAfter = await ChunksServed(control);
        _output.WriteLine($"v5: {job.ChunksTotal} chunks; {servedAtCut - servedBefore} served before the cut (device reported {job.ChunksDone}), {servedAfter - servedAtCut} after");
        // Only what the device had not stored is asked again (plus the window in flight at the cut).
        Assert.True(servedAfter - servedAtCut <= job.ChunksTotal - job.ChunksDone + 16,
            $"after the cut {servedAfter - servedAtCut} chunks were served for {job.ChunksTotal - job.ChunksDone} missing");
    }

    private void Boot(int brokerPort)
    {
        var image = _cli.PathOf($"out/gateway-{_board}-0.1.0.img");
        _guest = new QemuGuest(Path.Combine(AppContext.BaseDirectory, "fwtool"),
            ["run", "qemu", image, "--board", _board, "--boards", BootableImages.Boards, "--disk", _cli.PathOf("board.img"), "--broker", brokerPort.ToString(CultureInfo.InvariantCulture)],
            _cli.PathOf("console.log"));
    }

    // Kills QEMU (no warning to the guest) and starts it again on the same disk; the console starts afresh.
    private void PowerCycle(int brokerPort)
    {
        _output.WriteLine($"power cut at {_guest!.Elapsed.TotalSeconds:F1} s; console so far:\n{_guest.Console}");
        _guest.Dispose();
        Boot(brokerPort);
    }

    private async Task<string> Rollout(ControlClient control, string spec, string version)
    {
        var started = _cli.Fwtool("rollout", "start", $"out/{spec}-{_board}-{version}.fwb", "--target", $"board={_board}", "--waves", "1", "--json",
            "--controller-url", _controllerUrl);
        Fixture.Expect(0, started);
        var rollout = JsonSerializer.Deserialize(started.Stdout, ApiJsonContext.Default.RolloutView)!;
        Assert.Equal(1, rollout.Targets);
        return rollout.Id;
    }

    private async Task<RolloutView> Finished(ControlClient control, string id)
    {
        RolloutView view = null!;
        await Eventually.Until(async () => (view = await Politely(() => control.RolloutAsync(id, CancellationToken.None))).State is "completed" or "aborted",
            $"rollout {id} to end", Step, () => $"{view?.State}: {string.Join(", ", view?.Jobs.Select(j => $"{j.Device} {j.State} {j.Error}") ?? [])}; console tail:\n{QemuGuest.Tail(_guest!.Console)}");
        return view;
    }

    private static async Task Device(ControlClient control, Func<DeviceView, bool> condition, string what)
    {
        DeviceView[] devices = [];
        await Eventually.Until(async () => (devices = await Politely(() => control.DevicesAsync(CancellationToken.None))).Any(condition), what, Step,
            () => string.Join("; ", devices.Select(d => $"{d.Id} online {d.Online} version {d.Version} slot {d.Slot} job {d.JobState}")));
    }

    // The controller is asked at most twice a second: the guest under TCG needs the CPU more.
    private static async Task<T> Politely<T>(Func<Task<T>> ask)
    {
        await Task.Delay(500);
        return await ask();
    }

    private static async Task<long> ChunksServed(ControlClient control)
    {
        var metrics = await control.MetricsAsync(CancellationToken.None);
        var line = metrics.Split('\n').Single(l => l.StartsWith("fleet_controller_chunks_served_total ", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
