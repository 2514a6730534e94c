using System.Diagnostics;

namespace Firmware.Core.Tests.Boot;

/// <summary>Runs a bootloader tool (grub-editenv, fw_printenv, fw_setenv) and returns its standard output.</summary>
internal static class Peer
{
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }
}
