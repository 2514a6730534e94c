using Firmware.Init.Processes;
using Firmware.Init.Shutdown;
using Firmware.Init.Supervision;
using Firmware.Init.Tests.Doubles;
using Firmware.Init.Tests.Input;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Init.Tests;

/// <summary>Boot and the way down over a scratch root, with fake runc, mounts and reboot(2).</summary>
[Trait("Category", "Unit")]
public sealed class InitProcessTests : IDisposable
{
    private readonly ScratchDirectory _root = new();
    private readonly List<string> _events = [];
    private readonly FakeLauncher _launcher = new();
    private readonly FakeSystem _system;
    private readonly RecordingLog _log = new();
    private readonly InitProcess _init;

    public InitProcessTests()
    {
        foreach (var bundle in new[] { "onboot/001-second", "onboot/000-first", "onboot/002-third", "services/web", "services/db", "onshutdown/000-save" })
        {
            Directory.CreateDirectory(_root.Of("containers/" + bundle));
        }

        Directory.CreateDirectory(_root.Of("etc"));
        File.WriteAllText(_root.Of("etc/hostname"), "fw-test\nignored\n");
        _launcher.RunOutcome = bundle => bundle.Contains("/onboot/001", StringComparison.Ordinal) ? ExitStatus.Exited(3)
            : bundle.Contains("/services/", StringComparison.Ordinal) ? null : ExitStatus.Exited(0);
        _system = new FakeSystem(_events);
        _system.Mounts.AddRange([new(_root.Path, "tmpfs", false), new(_root.Of("data"), "ext4", false), new(_root.Of("dev/shm"), "tmpfs", false), new(_root.Of("sys/fs/cgroup"), "cgroup2", false)]);
        _init = new InitProcess(new InitLayout(_root.Path), _launcher, _system, _system, _system, RestartPolicy.Default, new FakeTimeProvider(), _log);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Boot_mounts_names_the_host_runs_onboot_in_order_and_starts_the_services()
    {
        var running = _init.RunAsync();

        Assert.Equal([$"mount cgroup2 {_root.Of("sys/fs/cgroup")}", $"mount devpts {_root.Of("dev/pts")}", $"mount tmpfs {_root.Of("dev/shm")}",
            $"mount mqueue {_root.Of("dev/mqueue")}", "hostname fw-test", "lo up"], _events);
        Assert.Equal(["run 000-first", "run 001-second", "run 002-third", "run db", "run web"], _launcher.Commands.Select(c => $"run {c.Split(' ')[^1]}"));
        Assert.Contains("onboot 001-second failed (status 3)", _log.Lines);
        Assert.Contains("onboot 002-third done", _log.Lines);
        Assert.Contains("boot complete (2 services)", _log.Lines);
        Assert.True(File.Exists(_root.Of("run/fw-init/services")));
        Assert.True(File.Exists(_root.Of("run/fw-init/control")));
        Assert.False(running.IsCompleted);

        _init.RequestShutdown(RebootKind.PowerOff);
        Assert.Equal(RebootKind.PowerOff, await running);
    }

    [Fact]
    public async Task The_way_down_stops_services_runs_onshutdown_syncs_unmounts_then_reboots()
    {
        var running = _init.RunAsync();
        _events.Clear();
        _system.Busy.Add(_root.Of("dev/shm"));

        Assert.True(_init.RequestShutdown(RebootKind.RebootTryboot));
        Assert.False(_init.RequestShutdown(RebootKind.Reboot));
        await running;

        Assert.Equal(["kill web TERM", "delete --force web", "kill db TERM", "delete --force db", "run --bundle " + _root.Of("containers/onshutdown/000-save") + " 000-save"],
            _launcher.Commands[^5..]);
        Assert.Equal(["sync", $"remount-ro {_root.Of("dev/shm")}", $"umount {_root.Of("data")}", $"remount-ro {_root.Path}", "sync", "reboot RebootTryboot"], _events);
        Assert.Equal(["shutting down (reboot tryboot)"], _log.Lines.Where(l => l.StartsWith("shutting", StringComparison.Ordinal)));
        Assert.Equal("rebooting (tryboot)", _log.Lines[^1]);
        Assert.Equal(["stopped", "stopped"], _init.Services.Select(s => s.State));
    }

    [Fact]
    public async Task A_power_button_press_on_an_input_device_powers_off()
    {
        Directory.CreateDirectory(_root.Of("dev/input"));
        File.WriteAllBytes(_root.Of("dev/input/event0"), PowerButtonTests.Record(1, 30, 1));
        File.WriteAllBytes(_root.Of("dev/input/event1"), [.. PowerButtonTests.Record(1, 116, 0), .. PowerButtonTests.PowerPress]);
        File.WriteAllBytes(_root.Of("dev/input/mice"), PowerButtonTests.PowerPress);

        Assert.Equal(RebootKind.PowerOff, await _init.RunAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["power button: powering off"], _log.Lines.Where(l => l.StartsWith("power button", StringComparison.Ordinal)));
        Assert.Equal("reboot PowerOff", _events[^1]);
    }

    [Fact]
    public async Task Without_input_devices_the_init_says_so_and_runs_on()
    {
        var running = _init.RunAsync();
        Assert.Contains(_log.Lines, l => l.StartsWith("power button: no input devices (", StringComparison.Ordinal));
        Assert.False(running.IsCompleted);
        _init.RequestShutdown(RebootKind.Reboot);
        Assert.Equal(RebootKind.Reboot, await running);
    }
}
