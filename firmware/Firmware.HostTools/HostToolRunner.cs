using System.ComponentModel;
using System.Diagnostics;

namespace Firmware.HostTools;

/// <summary>
/// Runs host programs: no shell, standard output and error captured, standard input fed by the
/// command or closed at once, and on cancellation the program and its children are killed. A
/// program that cannot be started is a <see cref="HostToolMissingException"/> naming its Debian
/// package, so a fresh machine's error says what to install.
/// </summary>
public static class HostToolRunner
{
    /// <summary>Runs <paramref name="command"/> to completion and returns how it ended, whatever its exit status.</summary>
    /// <exception cref="HostToolMissingException">The program cannot be started.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the program was killed.</exception>
    public static async Task<HostToolResult> RunAsync(HostToolCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var process = Start(command);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        IOException? inputError = null;
        try
        {
            inputError = await Task.Run(() => Feed(process, command.StandardInput), CancellationToken.None).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new HostToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), inputError);
    }

    /// <summary>Runs <paramref name="command"/> and throws unless it succeeded.</summary>
    /// <exception cref="HostToolMissingException">The program cannot be started.</exception>
    /// <exception cref="HostToolFailedException">It exited non-zero or stopped reading its input.</exception>
    public static async Task<HostToolResult> RunCheckedAsync(HostToolCommand command, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(command, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result : throw new HostToolFailedException(command, result);
    }

    /// <summary>The synchronous form of <see cref="RunCheckedAsync"/>, for callers behind synchronous interfaces.</summary>
    public static HostToolResult RunChecked(HostToolCommand command) => RunCheckedAsync(command).GetAwaiter().GetResult();

    private static Process Start(HostToolCommand command)
    {
        var start = new ProcessStartInfo(command.Tool.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? "",
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        try
        {
            return Process.Start(start) ?? throw new Win32Exception($"{command.Tool.Program} did not start");
        }
        catch (Win32Exception e)
        {
            throw new HostToolMissingException(command.Tool, e);
        }
    }

    // A program that exits before reading all its input breaks the pipe; that is its error to report.
    private static IOException? Feed(Process process, Action<Stream>? input)
    {
        try
        {
            using var stream = process.StandardInput.BaseStream;
            input?.Invoke(stream);
            return null;
        }
        catch (IOException e)
        {
            return e;
        }
    }
}
