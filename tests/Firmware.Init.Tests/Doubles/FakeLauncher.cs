using Firmware.Init.Processes;

namespace Firmware.Init.Tests.Doubles;

/// <summary>
/// Records every command line and plays runc: <c>run</c> children stay alive until the test ends
/// them; <c>kill NAME SIG</c> ends the named container's child with that signal unless it is told
/// to ignore SIGTERM; <c>delete</c> succeeds at once. Children complete synchronously, so a test
/// sees the supervisor's reaction as soon as it ends one.
/// </summary>
internal sealed class FakeLauncher : IProcessLauncher
{
    private int _nextPid = 100;

    public List<string> Commands { get; } = [];

    public Dictionary<string, FakeChild> Running { get; } = [];

    /// <summary>How a <c>run</c> of the bundle at a path ends at once (onboot steps); null keeps it running.</summary>
    public Func<string, ExitStatus?> RunOutcome { get; set; } = _ => null;

    /// <summary>Container names whose process does not end on SIGTERM.</summary>
    public HashSet<string> IgnoreTerm { get; } = [];

    public IChildProcess Start(IReadOnlyList<string> argv)
    {
        var verb = argv[1];
        var name = argv[^1];
        Commands.Add(string.Join(' ', argv.Skip(1)));
        var child = new FakeChild(_nextPid++);
        switch (verb)
        {
            case "run" when RunOutcome(argv[3]) is { } outcome:
                child.End(outcome);
                break;
            case "run":
                Running[name] = child;
                break;
            case "kill":
                var (target, signal) = (argv[2], argv[3]);
                if (Running.TryGetValue(target, out var victim) && !(signal == "TERM" && IgnoreTerm.Contains(target)))
                {
                    Running.Remove(target);
                    victim.End(ExitStatus.Killed(signal == "TERM" ? 15 : 9));
                }

                child.End(ExitStatus.Exited(0));
                break;
            default:
                child.End(ExitStatus.Exited(0));
                break;
        }

        return child;
    }

    /// <summary>Ends the container <paramref name="name"/> as if its process had ended with <paramref name="exit"/>.</summary>
    public void End(string name, ExitStatus exit)
    {
        var child = Running[name];
        Running.Remove(name);
        child.End(exit);
    }
}

internal sealed class FakeChild(int pid) : IChildProcess
{
    private readonly TaskCompletionSource<ExitStatus> _exit = new();

    public int Pid { get; } = pid;

    public Task<ExitStatus> Exited => _exit.Task;

    public void End(ExitStatus exit) => _exit.SetResult(exit);
}
