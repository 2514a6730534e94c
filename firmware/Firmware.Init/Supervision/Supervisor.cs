using System.Globalization;
using Firmware.Init.Containers;
using Firmware.Init.Processes;
using Firmware.Init.Status;

namespace Firmware.Init.Supervision;

/// <summary>
/// Runs the services and keeps them running (docs/init.md, "Supervision"). A service that ends
/// with status 0 is done (<c>exited</c>); any other end is a failure, restarted after the
/// <see cref="RestartPolicy"/>'s back-off once runc's leftover state is deleted. Every state
/// change is published as the whole table. Thread-safe: child exits and timers arrive on pool
/// threads and are serialized by one lock.
/// </summary>
public sealed partial class Supervisor
{
    private readonly Lock _gate = new();
    private readonly List<Service> _services;
    private readonly Runc _runc;
    private readonly RestartPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly IStatusPublisher _status;
    private readonly IInitLog _log;
    private bool _stopping;

    /// <summary>A supervisor of <paramref name="services"/>, all pending; nothing starts until <see cref="StartAll"/>.</summary>
    public Supervisor(IReadOnlyList<ContainerBundle> services, Runc runc, RestartPolicy policy, TimeProvider clock, IStatusPublisher status, IInitLog log)
    {
        ArgumentNullException.ThrowIfNull(services);
        _runc = runc ?? throw new ArgumentNullException(nameof(runc));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        var now = _clock.GetUtcNow();
        _services = [.. services.Select(b => new Service(b, new Pending(now)))];
    }

    /// <summary>The table as it is now, in service order.</summary>
    public IReadOnlyList<ServiceStatusEntry> Snapshot()
    {
        lock (_gate)
        {
            return SnapshotCore();
        }
    }

    /// <summary>Publishes the table with every service pending (before the onboot containers run).</summary>
    public void PublishPending()
    {
        lock (_gate)
        {
            Publish();
        }
    }

    /// <summary>Starts every service, in order. Does nothing once stopping has begun.</summary>
    public void StartAll()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            foreach (var service in _services)
            {
                Launch(service);
            }
        }
    }

    // Under the lock. Here and below, the table is published before the console line, so a test
    // that has seen the line finds the table already saying it.
    private void Launch(Service service)
    {
        var now = _clock.GetUtcNow();
        IChildProcess child;
        try
        {
            child = _runc.Start(service.Bundle);
        }
        catch (IOException e)
        {
            _log.Line($"service {service.Name} could not be started: {e.Message}");
            Fail(service, ExitStatus.Exited(127), now);
            return;
        }

        service.State = new Starting(child, now);
        service.Launched = now;
        Publish();
        _log.Line($"service {service.Name} started (pid {child.Pid})");
        service.Timer = _clock.CreateTimer(_ => Up(service, child), null, _policy.UpAfter, Timeout.InfiniteTimeSpan);
        child.Exited.ContinueWith(t => Ended(service, child, t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Up(Service service, IChildProcess child)
    {
        lock (_gate)
        {
            if (service.State is Starting starting && starting.Process == child)
            {
                service.CancelTimer();
                service.State = new Running(child, _clock.GetUtcNow());
                Publish();
                _log.Line($"service {service.Name} running");
            }
        }
    }

    private void Ended(Service service, IChildProcess child, ExitStatus exit)
    {
        lock (_gate)
        {
            if (service.State.Child != child)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            service.CancelTimer();
            if (_stopping)
            {
                // The stop sequence awaits the same exit and reports it.
                if (service.State is not Stopping)
                {
                    service.State = new Stopped(exit, now);
                    Publish();
                }

                return;
            }

            if (now - service.Launched >= _policy.StableAfter)
            {
                service.ConsecutiveFailures = 0;
            }

            if (exit.Success)
            {
                service.State = new Exited(now);
                Publish();
                _log.Line($"service {service.Name} exited (status 0), not restarted");
                _ = _runc.DeleteAsync(service.Name);
            }
            else
            {
                Fail(service, exit, now);
            }
        }
    }

    // Under the lock: schedules the restart the back-off allows.
    private void Fail(Service service, ExitStatus exit, DateTimeOffset now)
    {
        service.ConsecutiveFailures++;
        var delay = _policy.DelayAfter(service.ConsecutiveFailures);
        service.State = new Failed(exit, now + delay, now);
        Publish();
        _log.Line($"service {service.Name} exited ({exit}), restart {service.Restarts + 1} in {Seconds(delay)} s");
        service.Timer = _clock.CreateTimer(_ => _ = RestartAsync(service), null, delay, Timeout.InfiniteTimeSpan);
    }

    private async Task RestartAsync(Service service)
    {
        // runc run normally removes its container on exit; one killed with runc itself leaves state behind.
        var deleted = await _runc.DeleteAsync(service.Name).ConfigureAwait(false);
        lock (_gate)
        {
            if (_stopping || service.State is not Failed)
            {
                return;
            }

            service.CancelTimer();
            if (!deleted.Success)
            {
                _log.Line($"service {service.Name}: runc delete --force ended with {deleted}; starting anyway");
            }

            service.Restarts++;
            Launch(service);
        }
    }

    // Under the lock.
    private IReadOnlyList<ServiceStatusEntry> SnapshotCore() =>
        [.. _services.Select(s => new ServiceStatusEntry(s.Name, s.State.Name, s.State.Child?.Pid, s.Restarts, s.State.Since, s.State.LastExit?.ToString()))];

    // Under the lock. A table that cannot be written is reported, never fatal: supervision goes on.
    private void Publish()
    {
        try
        {
            _status.Publish(SnapshotCore());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Line($"warning: cannot write the service status table: {e.Message}");
        }
    }

    private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
