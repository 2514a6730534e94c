using System.Runtime.InteropServices;
using Firmware.Init.Processes;
using Firmware.Native;

namespace Firmware.Init.Exe;

/// <summary>
/// Starts children with posix_spawn(3) and reaps every child with waitpid(-1) on one thread.
/// System.Diagnostics.Process is not used: it waits only for its own children, and process 1 must
/// reap the orphans the kernel hands it too. Children get default signal dispositions (the .NET
/// runtime ignores SIGPIPE, which exec would otherwise pass on), an empty signal mask, standard
/// input from /dev/null and the init's own output.
/// </summary>
internal sealed unsafe class SpawnLauncher : IProcessLauncher
{
    private const int WaitAny = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<ExitStatus>> _children = [];
    // Monitor.Wait/Pulse rather than an event: nothing to dispose while the reaper waits on it.
    private readonly object _wake = new();
    private bool _woken;
    private readonly string?[] _environment;

    public SpawnLauncher()
    {
        var environment = Environment.GetEnvironmentVariables();
        if (!environment.Contains("PATH"))
        {
            environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        }

        _environment = [.. environment.Keys.Cast<string>().Order(StringComparer.Ordinal).Select(k => $"{k}={environment[k]}"), null];
        new Thread(Reap) { IsBackground = true, Name = "reaper" }.Start();
    }

    public IChildProcess Start(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var attributes = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var actions = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var signals = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var mask = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        try
        {
            Check(Libc.PosixSpawnAttrInit(attributes), "posix_spawnattr_init");
            Check(Libc.SigFillSet(signals), "sigfillset");
            Check(Libc.SigEmptySet(mask), "sigemptyset");
            Check(Libc.PosixSpawnAttrSetSignalDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Check(Libc.PosixSpawnAttrSetSignalMask(attributes, mask), "posix_spawnattr_setsigmask");
            Check(Libc.PosixSpawnAttrSetFlags(attributes, Libc.SpawnSetSignalDefault | Libc.SpawnSetSignalMask), "posix_spawnattr_setflags");
            Check(Libc.PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(Libc.PosixSpawnFileActionsAddOpen(actions, 0, "/dev/null", Libc.ORdOnly, 0), "posix_spawn_file_actions_addopen");
            var child = new TaskCompletionSource<ExitStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            int pid;
            lock (_gate)
            {
                // Under the lock, so the reaper cannot take this child's exit before it is registered.
                var error = Libc.PosixSpawn(out pid, argv[0], actions, attributes, [.. argv, null], _environment);
                if (error != 0)
                {
                    throw new IOException($"cannot start {argv[0]}: {Marshal.GetPInvokeErrorMessage(error)}");
                }

                _children[pid] = child;
            }

            Wake();
            return new Child(pid, child.Task);
        }
        finally
        {
            // Destroying zeroed or initialized objects cannot fail in glibc.
            _ = Libc.PosixSpawnFileActionsDestroy(actions);
            _ = Libc.PosixSpawnAttrDestroy(attributes);
            NativeMemory.Free(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(signals);
            NativeMemory.Free(mask);
        }
    }

    // The spawn set-up calls return 0 or an error number (never errno).
    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new IOException($"{call}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    private void Wake()
    {
        lock (_wake)
        {
            _woken = true;
            Monitor.Pulse(_wake);
        }
    }

    private void Reap()
    {
        while (true)
        {
            var pid = Libc.WaitPid(WaitAny, out var status, 0);
            if (pid > 0)
            {
                TaskCompletionSource<ExitStatus>? child;
                lock (_gate)
                {
                    _children.Remove(pid, out child);
                }

                // An orphan (nobody's child any more) is simply reaped.
                child?.TrySetResult(ExitStatus.FromWaitStatus(status));
            }
            else if (Marshal.GetLastPInvokeError() != Libc.EINTR)
            {
                // No children at all (ECHILD): sleep until one is started, or for a second, after which
                // an orphan the kernel has handed to process 1 meanwhile is reaped.
                lock (_wake)
                {
                    if (!_woken)
                    {
                        Monitor.Wait(_wake, TimeSpan.FromSeconds(1));
                    }

                    _woken = false;
                }
            }
        }
    }

    private sealed record Child(int Pid, Task<ExitStatus> Exited) : IChildProcess;
}
