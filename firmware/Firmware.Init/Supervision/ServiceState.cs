using Firmware.Init.Processes;

namespace Firmware.Init.Supervision;

/// <summary>
/// Where a service is in its life. A closed set: each state knows its name in the status table
/// (docs/agent.md, "Service status") and, while a process is alive, that process.
/// </summary>
public abstract record ServiceState(DateTimeOffset Since)
{
    /// <summary>The state's name in the status table.</summary>
    public abstract string Name { get; }

    /// <summary>The live runc process, if there is one.</summary>
    public virtual IChildProcess? Child => null;

    /// <summary>How the last run ended, if it did.</summary>
    public virtual ExitStatus? LastExit => null;
}

/// <summary>Known from its bundle, not launched yet (the onboot containers are still running).</summary>
public sealed record Pending(DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "starting";
}

/// <summary>Launched, not yet up for <see cref="RestartPolicy.UpAfter"/>.</summary>
public sealed record Starting(IChildProcess Process, DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "starting";

    /// <inheritdoc/>
    public override IChildProcess Child => Process;
}

/// <summary>Up for at least <see cref="RestartPolicy.UpAfter"/>.</summary>
public sealed record Running(IChildProcess Process, DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "running";

    /// <inheritdoc/>
    public override IChildProcess Child => Process;
}

/// <summary>Ended otherwise than with status 0; restarted at <paramref name="RestartAt"/>.</summary>
public sealed record Failed(ExitStatus Exit, DateTimeOffset RestartAt, DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "failed";

    /// <inheritdoc/>
    public override ExitStatus? LastExit => Exit;
}

/// <summary>Ended with status 0: its work is done and it is not restarted.</summary>
public sealed record Exited(DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "exited";

    /// <inheritdoc/>
    public override ExitStatus? LastExit => ExitStatus.Exited(0);
}

/// <summary>Being stopped on the way down (SIGTERM sent).</summary>
public sealed record Stopping(IChildProcess Process, DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "stopping";

    /// <inheritdoc/>
    public override IChildProcess Child => Process;
}

/// <summary>Stopped on the way down; never started again.</summary>
public sealed record Stopped(ExitStatus? Exit, DateTimeOffset Since) : ServiceState(Since)
{
    /// <inheritdoc/>
    public override string Name => "stopped";

    /// <inheritdoc/>
    public override ExitStatus? LastExit => Exit;
}
