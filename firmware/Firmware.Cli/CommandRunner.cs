using Firmware.Bundles;
using Firmware.Install;

namespace Firmware.Cli;

/// <summary>
/// Runs a command body and turns each kind of failure into its exit code and a one-line message
/// on standard error, or a JSON error object on standard output when the command was asked for JSON.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; returns its exit code or the failure's.</summary>
    /// <param name="program">The program name that prefixes error lines.</param>
    /// <param name="json">Report failures as a JSON object on standard output too.</param>
    /// <param name="body">The command.</param>
    /// <param name="classify">Maps failures of a command's own domain to an exit code and message, or returns null.</param>
    public static async Task<int> RunAsync(string program, bool json, Func<Task<int>> body, Func<Exception, (int ExitCode, string Message)?>? classify = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception e) when (classify?.Invoke(e) is { } failure)
        {
            return Fail(program, json, failure.ExitCode, failure.Message, null);
        }
        catch (OperationCanceledException)
        {
            return Fail(program, json, ExitCodes.Interrupted, "interrupted", null);
        }
        catch (BundleException e)
        {
            return Fail(program, json, ExitCodes.For(e.Class), e.Describe(), e);
        }
        catch (UsageException e)
        {
            return Fail(program, json, ExitCodes.Usage, e.Message, null);
        }
        catch (ArgumentException e)
        {
            // Libraries reject values that came straight from the command line this way.
            return Fail(program, json, ExitCodes.Usage, e.Message, null);
        }
        catch (KeyFileException e)
        {
            return Fail(program, json, ExitCodes.BadKey, e.Message, null);
        }
        catch (SlotTooSmallException e)
        {
            return Fail(program, json, ExitCodes.SlotTooSmall, e.Message, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(program, json, ExitCodes.Io, e.Message, null);
        }
    }

    private static int Fail(string program, bool json, int exitCode, string message, BundleException? bundleError)
    {
        if (json)
        {
            // One line, so it also ends a stream of JSON-line events (fwtool flash --json).
            JsonLine.Write(writer =>
            {
                writer.WriteBoolean("ok", false);
                writer.WriteNumber("exitCode", exitCode);
                if (bundleError is not null)
                {
                    writer.WriteString("error", bundleError.Error.ToString());
                    writer.WriteNumber("code", (int)bundleError.Error);
                    writer.WriteString("class", bundleError.Class.ToString());
                    writer.WriteString("message", bundleError.Message);
                    if (bundleError.Entry is { } entry) writer.WriteString("entry", entry);
                    if (bundleError.Offset is { } offset) writer.WriteNumber("offset", offset);
                }
                else
                {
                    writer.WriteString("message", message);
                }
            });
        }

        Console.Error.WriteLine($"{program}: {message}");
        return exitCode;
    }
}
