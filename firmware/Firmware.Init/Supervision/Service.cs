using Firmware.Init.Containers;

namespace Firmware.Init.Supervision;

/// <summary>One supervised service: its bundle, its state and its counters. Changed only under the supervisor's lock.</summary>
internal sealed class Service(ContainerBundle bundle, ServiceState initial)
{
    public ContainerBundle Bundle { get; } = bundle;

    public string Name => Bundle.Name;

    public ServiceState State { get; set; } = initial;

    /// <summary>When the current or last run was launched.</summary>
    public DateTimeOffset Launched { get; set; }

    /// <summary>Restarts since boot (the status table's <c>restarts</c>).</summary>
    public int Restarts { get; set; }

    /// <summary>Failures since the last run that lasted <see cref="RestartPolicy.StableAfter"/>.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The pending timer: up-after while starting, the restart while failed.</summary>
    public ITimer? Timer { get; set; }

    public void CancelTimer()
    {
        Timer?.Dispose();
        Timer = null;
    }
}
