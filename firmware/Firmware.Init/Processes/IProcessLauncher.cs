namespace Firmware.Init.Processes;

/// <summary>
/// Starts programs as children of the init, standard input from /dev/null, output to the console.
/// The implementation reaps every child (process 1 inherits every orphan) and completes
/// <see cref="IChildProcess.Exited"/> for the ones it started.
/// </summary>
public interface IProcessLauncher
{
    /// <summary>Starts <paramref name="argv"/> (argv[0] an absolute path).</summary>
    /// <exception cref="IOException">The program could not be started.</exception>
    IChildProcess Start(IReadOnlyList<string> argv);
}
