namespace Firmware.Init.Processes;

/// <summary>How a child ended: an exit code, or the signal that killed it (wait(2)'s status word).</summary>
public readonly record struct ExitStatus(int Code, int Signal)
{
    /// <summary>Ended with status 0.</summary>
    public bool Success => Signal == 0 && Code == 0;

    /// <summary>Decodes wait(2)'s status: WIFEXITED/WEXITSTATUS and WIFSIGNALED/WTERMSIG.</summary>
    public static ExitStatus FromWaitStatus(int status) =>
        (status & 0x7f) == 0 ? new ExitStatus((status >> 8) & 0xff, 0) : new ExitStatus(0, status & 0x7f);

    /// <summary>An exit with <paramref name="code"/>.</summary>
    public static ExitStatus Exited(int code) => new(code, 0);

    /// <summary>Killed by <paramref name="signal"/>.</summary>
    public static ExitStatus Killed(int signal) => new(0, signal);

    /// <summary><c>status 3</c> or <c>signal 9</c>, as the console lines say it.</summary>
    public override string ToString() => Signal != 0 ? $"signal {Signal}" : $"status {Code}";
}
