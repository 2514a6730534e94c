namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class TrustCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public TrustCommandTests()
    {
        foreach (var name in new[] { "root-a", "root-b", "root-c", "release-a", "release-b" })
        {
            Fixture.Expect(0, _cli.Fwtool("keygen", "--out", name));
        }

        Fixture.Expect(0, _cli.Fwtool("trust", "init", "--root", "root-a.key", "--root", "root-b.key", "--root-threshold", "2",
            "--release", "release-a.pub", "--out", "trust-1.json"));
    }

    [Fact]
    public void Init_below_the_root_threshold_writes_nothing()
    {
        var result = _cli.Fwtool("trust", "init", "--root", "root-a.key", "--root", "root-b.pub", "--root-threshold", "2",
            "--release", "release-a.pub", "--out", "short.json");

        Assert.Equal(12, result.ExitCode);
        Assert.Contains("ThresholdNotMet", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("short.json")));
    }

    [Fact]
    public void Rotation_signed_by_old_and_new_root_thresholds_verifies_against_its_predecessor()
    {
        Fixture.Expect(0, _cli.Fwtool("trust", "rotate", "--current", "trust-1.json", "--add-root", "root-c.pub", "--remove-root", "root-b.pub",
            "--sign", "root-a.key", "--sign", "root-b.key", "--sign", "root-c.key", "--out", "trust-2.json"));

        var result = _cli.Fwtool("trust", "verify", "trust-2.json", "--previous", "trust-1.json", "--json");

        Fixture.Expect(0, result);
        Assert.Contains("\"version\": 2", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_without_the_old_root_threshold_is_refused_and_writes_nothing()
    {
        // root-c alone meets the new threshold (root 1-of-1: c) but only one of the two old root keys signed.
        var result = _cli.Fwtool("trust", "rotate", "--current", "trust-1.json", "--add-root", "root-c.pub", "--remove-root", "root-a.pub",
            "--remove-root", "root-b.pub", "--root-threshold", "1", "--sign", "root-a.key", "--sign", "root-c.key", "--out", "trust-2.json");

        Assert.Equal(13, result.ExitCode);
        Assert.Contains("TrustRotationInvalid", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("trust-2.json")));
    }

    [Fact]
    public void An_expired_trust_file_fails_verification_with_exit_code_13()
    {
        var result = _cli.Fwtool("trust", "verify", "trust-1.json", "--now", DateTimeOffset.UtcNow.AddDays(400).ToString("O"));

        Assert.Equal(13, result.ExitCode);
        Assert.Contains("TrustExpired", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_trust_file_is_rejected()
    {
        var text = File.ReadAllText(_cli.PathOf("trust-1.json"));
        File.WriteAllText(_cli.PathOf("tampered.json"), text.Replace("\"payload\":\"", "\"payload\":\"e", StringComparison.Ordinal));

        var result = _cli.Fwtool("trust", "verify", "tampered.json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("tampered.json", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
