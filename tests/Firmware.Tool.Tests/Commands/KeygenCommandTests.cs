namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class KeygenCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Private_key_is_readable_by_the_owner_only()
    {
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "signer"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.PathOf("signer.key")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(_cli.PathOf("signer.key")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(_cli.PathOf("signer.pub")), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_overwrite_either_file_and_leaves_both_untouched()
    {
        File.WriteAllText(_cli.PathOf("signer.pub"), "keep me");

        var result = _cli.Fwtool("keygen", "--out", "signer");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("refusing to overwrite", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("signer.key")));
        Assert.Equal("keep me", File.ReadAllText(_cli.PathOf("signer.pub")));
    }

    [Fact]
    public void Openssl_reads_our_keys_and_we_sign_with_keys_openssl_made()
    {
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "ours"));
        Fixture.Expect(0, _cli.Peer("openssl", "pkey", "-in", "ours.key", "-noout"));
        var publicFromOpenssl = _cli.Peer("openssl", "pkey", "-in", "ours.key", "-pubout");
        Assert.Equal(File.ReadAllText(_cli.PathOf("ours.pub")), publicFromOpenssl.Stdout);

        Fixture.Expect(0, _cli.Peer("openssl", "genpkey", "-algorithm", "ed25519", "-out", "theirs.key"));
        Fixture.Expect(0, _cli.Fwtool("trust", "init", "--root", "theirs.key", "--release", "ours.pub", "--out", "trust.json"));
        Fixture.Expect(0, _cli.Fwtool("trust", "verify", "trust.json"));
    }

    [Fact]
    public void A_file_that_is_not_a_key_is_exit_code_4()
    {
        File.WriteAllText(_cli.PathOf("junk.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var result = _cli.Fwtool("trust", "init", "--root", "junk.key", "--release", "junk.key", "--out", "trust.json");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("junk.key", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("trust.json")));
    }

    public void Dispose() => _cli.Dispose();
}
