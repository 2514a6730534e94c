namespace Firmware.Init.Processes;

/// <summary>A process the init started.</summary>
public interface IChildProcess
{
    /// <summary>Its process id.</summary>
    int Pid { get; }

    /// <summary>Completes when the init has reaped it.</summary>
    Task<ExitStatus> Exited { get; }
}
