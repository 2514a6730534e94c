using Firmware.Init.Processes;

namespace Firmware.Init.Supervision;

/// <summary>The way down: every service stopped, in reverse order, and none started again.</summary>
public sealed partial class Supervisor
{
    /// <summary>
    /// Stops the services in reverse order, one at a time: SIGTERM through <c>runc kill</c>, then
    /// SIGKILL if the service is still up after <see cref="RestartPolicy.StopGrace"/>, then
    /// <c>runc delete --force</c>. Pending restarts are cancelled; nothing is started again.
    /// </summary>
    public async Task StopAllAsync()
    {
        List<(Service Service, IChildProcess Child)> live = [];
        lock (_gate)
        {
            _stopping = true;
            var now = _clock.GetUtcNow();
            for (var i = _services.Count - 1; i >= 0; i--)
            {
                var service = _services[i];
                service.CancelTimer();
                if (service.State.Child is { } child)
                {
                    service.State = new Stopping(child, now);
                    live.Add((service, child));
                }
                else
                {
                    service.State = new Stopped(service.State.LastExit, now);
                }
            }

            Publish();
        }

        foreach (var (service, child) in live)
        {
            await StopAsync(service, child).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(Service service, IChildProcess child)
    {
        var name = service.Name;
        _log.Line($"stopping service {name} (pid {child.Pid})");
        await _runc.KillAsync(name, "TERM").ConfigureAwait(false);
        if (!await ExitsWithin(child, _policy.StopGrace).ConfigureAwait(false))
        {
            _log.Line($"service {name} still up after {Seconds(_policy.StopGrace)} s, sending SIGKILL");
            await _runc.KillAsync(name, "KILL").ConfigureAwait(false);
            if (!await ExitsWithin(child, _policy.KillGrace).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    service.State = new Stopped(null, _clock.GetUtcNow());
                    Publish();
                }

                _log.Line($"service {name} did not end after SIGKILL; going on without it");
                return;
            }
        }

        var exit = await child.Exited.ConfigureAwait(false);
        lock (_gate)
        {
            service.State = new Stopped(exit, _clock.GetUtcNow());
            Publish();
        }

        _log.Line($"service {name} stopped ({exit})");
        await _runc.DeleteAsync(name).ConfigureAwait(false);
    }

    private async Task<bool> ExitsWithin(IChildProcess child, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(timeout, _clock, cancel.Token);
        var first = await Task.WhenAny(child.Exited, delay).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        return first == child.Exited;
    }
}
