using System.Runtime.InteropServices;
using Firmware.Init;
using Firmware.Init.Exe;
using Firmware.Init.Shutdown;
using Firmware.Init.Supervision;
using Firmware.Native;

// fwinit: the image's /sbin/init (docs/init.md). As process 1 it takes no arguments. `--root DIR`
// runs it over a scratch root for tests: every path below DIR, and reboot(2) never called.
const int Usage = 2;
string? root = null;
if (args is ["--root", { Length: > 0 } dir])
{
    root = dir;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: fwinit [--root DIR]");
    return Usage;
}

if (root is null && Libc.GetPid() != 1)
{
    Console.Error.WriteLine("fwinit: not process 1; the kernel starts it as init (use --root DIR to run it over a scratch root)");
    return Usage;
}

var log = new ConsoleLog();
var launcher = new SpawnLauncher();
IRebootSyscall reboot = root is null ? new LinuxRebootSyscall() : new ScratchRootReboot(log);
var init = new InitProcess(new InitLayout(root ?? "/"), launcher, new LinuxFilesystems(), new LinuxHost(), reboot,
    RestartPolicy.Default, TimeProvider.System, log);

// busybox init's signals: SIGTERM reboots, SIGUSR1 halts, SIGUSR2 powers off.
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Signalled(c, RebootKind.Reboot));
using var usr1 = PosixSignalRegistration.Create((PosixSignal)10, c => Signalled(c, RebootKind.Halt));
using var usr2 = PosixSignalRegistration.Create((PosixSignal)12, c => Signalled(c, RebootKind.PowerOff));

// The .NET runtime's SIGCHLD handler reaps every child, status discarded, when it runs as process 1
// (System.Native's pal_signal.c, for containers without an init). Process 1 here is an init that
// needs those statuses: with SIGCHLD back at SIG_DFL (children still become zombies, unlike
// SIG_IGN) only the launcher's waitpid reaps them. The registrations above have initialized the
// runtime's signal handling, so nothing installs the handler again.
if (Libc.Signal(Libc.SIGCHLD, 0) == -1)
{
    log.Line($"warning: cannot reset SIGCHLD: {Libc.LastError()}; exits may be lost to the runtime");
}

try
{
    await init.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception e) when (e is IOException or PlatformNotSupportedException)
{
    // Process 1 exiting panics the kernel; with panic=N on the command line it then reboots.
    log.Line($"FATAL: {e.Message}");
    return 1;
}

void Signalled(PosixSignalContext context, RebootKind kind)
{
    context.Cancel = true;
    if (init.RequestShutdown(kind))
    {
        log.Line($"signal {context.Signal}: {kind}");
    }
}
