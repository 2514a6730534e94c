namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void The_walkthrough_runs_end_to_end_and_shows_each_rejection_with_its_code()
    {
        var result = _cli.Fwtool("demo", "--dir", _cli.PathOf("demo"));

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
