using Firmware.Init.Boot;
using Firmware.Init.Containers;
using Firmware.Init.Control;
using Firmware.Init.Processes;
using Firmware.Init.Shutdown;
using Firmware.Init.Status;
using Firmware.Init.Supervision;

namespace Firmware.Init;

/// <summary>
/// Process 1 from the kernel's hand-over to reboot(2) (docs/init.md): the boot steps, the onboot
/// containers, the services under the <see cref="Supervisor"/>, then, on a request over the
/// control socket or a signal, the way down.
/// </summary>
public sealed partial class InitProcess
{
    private readonly InitLayout _layout;
    private readonly Runc _runc;
    private readonly IFilesystems _filesystems;
    private readonly IHostSetup _host;
    private readonly IRebootSyscall _reboot;
    private readonly IInitLog _log;
    private readonly Supervisor _supervisor;
    private readonly TaskCompletionSource<RebootKind> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An init over <paramref name="layout"/>; nothing happens until <see cref="RunAsync"/>.</summary>
    public InitProcess(InitLayout layout, IProcessLauncher launcher, IFilesystems filesystems, IHostSetup host, IRebootSyscall reboot,
        RestartPolicy policy, TimeProvider clock, IInitLog log)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        ArgumentNullException.ThrowIfNull(launcher);
        _filesystems = filesystems ?? throw new ArgumentNullException(nameof(filesystems));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _reboot = reboot ?? throw new ArgumentNullException(nameof(reboot));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _runc = new Runc(layout.Runc, launcher);
        _supervisor = new Supervisor(ContainerBundle.In(layout.Services), _runc, policy, clock, new StatusFile(layout.StatusFile), log);
    }

    /// <summary>The services' table as it is now.</summary>
    public IReadOnlyList<ServiceStatusEntry> Services => _supervisor.Snapshot();

    /// <summary>Asks for the way down (a signal or a control request); false if it was already asked for.</summary>
    public bool RequestShutdown(RebootKind kind) => _shutdown.TrySetResult(kind);

    /// <summary>Boots, supervises until the way down is asked for, goes down and calls reboot(2).</summary>
    /// <returns>What was asked for, if reboot(2) returned (it does not on a device).</returns>
    public async Task<RebootKind> RunAsync()
    {
        _log.Line($"started (root {_layout.Root})");
        PrepareSystem();
        WatchPowerButtons();
        using var control = StartControl();
        _supervisor.PublishPending();
        await RunAllAsync("onboot", _layout.Onboot).ConfigureAwait(false);
        if (!_shutdown.Task.IsCompleted)
        {
            _supervisor.StartAll();
            _log.Line($"boot complete ({_supervisor.Snapshot().Count} services)");
        }

        var kind = await _shutdown.Task.ConfigureAwait(false);
        _log.Line($"shutting down ({Describe(kind)})");
        control?.Dispose();
        await _supervisor.StopAllAsync().ConfigureAwait(false);
        await RunAllAsync("onshutdown", _layout.Onshutdown).ConfigureAwait(false);
        UnmountAll();
        _log.Line(kind switch
        {
            RebootKind.Reboot => "rebooting",
            RebootKind.RebootTryboot => "rebooting (tryboot)",
            RebootKind.PowerOff => "powering off",
            _ => "halting",
        });
        _reboot.Reboot(kind);
        return kind;
    }

    // Every container in `directory`, in name order, each to completion; a failure is reported and the rest still run.
    private async Task RunAllAsync(string phase, string directory)
    {
        foreach (var bundle in ContainerBundle.In(directory))
        {
            IChildProcess child;
            try
            {
                child = _runc.Start(bundle);
            }
            catch (IOException e)
            {
                _log.Line($"{phase} {bundle.Name} failed (runc: {e.Message})");
                continue;
            }

            var exit = await child.Exited.ConfigureAwait(false);
            _log.Line(exit.Success ? $"{phase} {bundle.Name} done" : $"{phase} {bundle.Name} failed ({exit})");
        }
    }

    private ControlServer? StartControl()
    {
        try
        {
            Directory.CreateDirectory(_layout.RunDirectory);
            var server = ControlServer.Start(_layout.ControlSocket, Handle);
            _log.Line($"control socket {_layout.ControlSocket}");
            return server;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            _log.Line($"warning: no control socket at {_layout.ControlSocket}: {e.Message}");
            return null;
        }
    }

    // One request of the control socket; every request needs uid 0 (docs/init.md, "Control socket").
    private string Handle(ControlRequest? request, PeerCredentials peer)
    {
        if (!peer.MayControl)
        {
            _log.Line($"control: request from pid {peer.Pid} refused (uid {peer.Uid})");
            return $"error not permitted for uid {peer.Uid}";
        }

        if (request is null)
        {
            return "error unknown request";
        }

        if (request.Shutdown is not { } kind)
        {
            return "ok " + string.Join(' ', _supervisor.Snapshot().Select(s => $"{s.Name}={s.State}"));
        }

        if (!RequestShutdown(kind))
        {
            return "error already shutting down";
        }

        _log.Line($"control: {request.Verb} requested by pid {peer.Pid}");
        return "ok";
    }

    private static string Describe(RebootKind kind) => kind switch
    {
        RebootKind.Reboot => "reboot",
        RebootKind.RebootTryboot => "reboot tryboot",
        RebootKind.PowerOff => "poweroff",
        _ => "halt",
    };
}
