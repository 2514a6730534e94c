using Firmware.HostTools;

namespace Firmware.Image.Build.Tests.HostTools;

/// <summary>The one host-tool runner: missing programs name their package, failures carry their output, input and environment reach the program.</summary>
[Trait("Category", "Integration")]
public sealed class HostToolRunnerTests
{
    private static readonly HostTool Shell = new("sh", "dash");

    [Fact]
    public async Task A_missing_program_names_its_Debian_package()
    {
        var e = await Assert.ThrowsAsync<HostToolMissingException>(() =>
            HostToolRunner.RunAsync(new HostToolCommand(new HostTool("fw-no-such-program", "fw-package"), [])));
        Assert.StartsWith("cannot run fw-no-such-program: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("; install the Debian package fw-package (apt-get install fw-package)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_program_reports_its_status_and_error_output()
    {
        var e = await Assert.ThrowsAsync<HostToolFailedException>(() =>
            HostToolRunner.RunCheckedAsync(new HostToolCommand(Shell, ["-c", "echo out; echo oops >&2; exit 3"])));
        Assert.Equal("sh failed with exit code 3: oops\nout", e.Message);
        Assert.Equal(3, e.Result.ExitCode);
    }

    [Fact]
    public async Task Standard_input_is_fed_and_variables_are_set_and_removed()
    {
        Environment.SetEnvironmentVariable("FW_RUNNER_TEST", "inherited");
        var result = await HostToolRunner.RunCheckedAsync(new HostToolCommand(Shell, ["-c", "cat; echo \"${FW_RUNNER_TEST-unset} $FW_SET\""])
        {
            StandardInput = s => s.Write("input\n"u8),
            Environment = new Dictionary<string, string?> { ["FW_RUNNER_TEST"] = null, ["FW_SET"] = "set" },
        });
        Assert.Equal("input\nunset set\n", result.Stdout);
    }

    [Fact]
    public async Task A_program_that_stops_reading_its_input_fails_with_its_own_status()
    {
        var e = await Assert.ThrowsAsync<HostToolFailedException>(() =>
            HostToolRunner.RunCheckedAsync(new HostToolCommand(Shell, ["-c", "exit 4"]) { StandardInput = s => s.Write(new byte[8 << 20]) }));
        Assert.Equal(4, e.Result.ExitCode);
    }

    [Fact]
    public async Task Cancellation_kills_the_program()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            HostToolRunner.RunAsync(new HostToolCommand(Shell, ["-c", "sleep 30"]), cancel.Token));
    }
}
