using Firmware.Init.Processes;

namespace Firmware.Init.Containers;

/// <summary>
/// The runc command lines the init uses (runc(8)): <c>run</c> in the foreground, so the runc
/// process lives exactly as long as the container and its exit is the container's; <c>kill</c>
/// to signal a service on the way down; <c>delete --force</c> to clear a container's state
/// before it is started again.
/// </summary>
public sealed class Runc(string program, IProcessLauncher launcher)
{
    /// <summary>The runc executable.</summary>
    public string Program { get; } = program;

    /// <summary><c>runc run --bundle PATH NAME</c>: the container's life, as one child.</summary>
    /// <exception cref="IOException">runc could not be started.</exception>
    public IChildProcess Start(ContainerBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return launcher.Start([Program, "run", "--bundle", bundle.Path, bundle.Name]);
    }

    /// <summary><c>runc kill NAME SIGNAL</c>; completes with runc's exit.</summary>
    public Task<ExitStatus> KillAsync(string name, string signal) => RunAsync([Program, "kill", name, signal]);

    /// <summary><c>runc delete --force NAME</c>; completes with runc's exit.</summary>
    public Task<ExitStatus> DeleteAsync(string name) => RunAsync([Program, "delete", "--force", name]);

    private Task<ExitStatus> RunAsync(string[] argv)
    {
        try
        {
            return launcher.Start(argv).Exited;
        }
        catch (IOException)
        {
            // Reported by the caller as a failed step; 127 is the shell's "could not execute".
            return Task.FromResult(ExitStatus.Exited(127));
        }
    }
}
