namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void The_fleet_demo_rolls_the_good_bundle_out_to_all_50_devices_and_stops_the_bad_one_at_the_canary()
    {
        var result = _cli.Fwtool("demo", "--dir", _cli.PathOf("demo"));

        Fixture.Expect(0, result);
        Assert.Matches(@"all 50 devices online after", result.Stdout);
        Assert.Matches(@"(?m)^  good 1\.1\.0: completed, all 3 waves \(1, 5, 50\), 50 of 50 started, 50 of 50 committed, 0 rolled back, 0 failed, [0-9.]+ s, [0-9.]+ MiB served$", result.Stdout);
        Assert.Matches(@"(?m)^  bad 1\.2\.0: aborted \(failure budget exceeded: 1 failed, 0 allowed\), stopped in wave 1 of 3 \(1, 5, 50\), 1 of 50 started, 0 of 50 committed, 1 rolled back, 1 failed, [0-9.]+ s, [0-9.]+ KiB served$", result.Stdout);
        Assert.Contains("health gate failed: simulated: fails (version 1.2.0 is set to fail)", File.ReadAllText(_cli.PathOf("demo/fleet.log")), StringComparison.Ordinal);
        Assert.True(File.Exists(_cli.PathOf("demo/credentials/passwd")), "--dir keeps the credentials");
    }

    [Fact]
    public void The_offline_walkthrough_runs_end_to_end_and_shows_each_rejection_with_its_code()
    {
        var result = _cli.Fwtool("demo", "--offline", "--dir", _cli.PathOf("demo"));

        Fixture.Expect(0, result);
        Assert.Matches(@"slot B holds 48\.0 MiB; all \d+ chunks read back intact", result.Stdout);
        foreach (var expected in new[] { "exit code 14: ChunkHashMismatch", "exit code 15: IncompatibleBoard", "exit code 15: Downgrade", "exit code 15: BundleExpired", "exit code 12: UnknownSigner", "follows the rotation to version 2" })
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_directory_that_is_not_empty_is_refused()
    {
        Directory.CreateDirectory(_cli.PathOf("busy"));
        File.WriteAllText(_cli.PathOf("busy/keep.txt"), "mine");

        var result = _cli.Fwtool("demo", "--dir", _cli.PathOf("busy"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["keep.txt"], Directory.GetFiles(_cli.PathOf("busy")).Select(Path.GetFileName));
    }

    public void Dispose() => _cli.Dispose();
}
