using System.Text.Json;

namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class BundleCommandTests : IDisposable
{
    private readonly Fixture _fixture = new();

    private CliRunner Cli => _fixture.Cli;

    [Fact]
    public void A_valid_bundle_verifies_with_exit_code_0()
    {
        var result = _fixture.Verify("bundle.fwb", "--board", Fixture.Board, "--installed-version", "1.1.0", "--floor", "1.0.0");

        Fixture.Expect(0, result);
        Assert.Contains("OK", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_inputs_and_SOURCE_DATE_EPOCH_give_identical_bytes()
    {
        Fixture.Expect(0, _fixture.CreateBundle("again.fwb"));

        Assert.Equal(File.ReadAllBytes(Cli.PathOf("bundle.fwb")), File.ReadAllBytes(Cli.PathOf("again.fwb")));
    }

    [Fact]
    public void Tar_lists_the_entries_in_contract_order()
    {
        var listing = Cli.Peer("tar", "tf", "bundle.fwb");

        Fixture.Expect(0, listing);
        Assert.Equal(["manifest.json", "manifest.sig", "payloads/rootfs"], listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--board", "other-board", 15, "IncompatibleBoard")]
    [InlineData("--installed-version", "2.0.0", 15, "Downgrade")]
    [InlineData("--floor", "1.3.0", 15, "BelowFloor")]
    [InlineData("--now", "2200-01-01T00:00:00Z", 13, "TrustExpired")]
    public void Policy_rejections_have_their_own_exit_code_and_name(string option, string value, int exitCode, string error)
    {
        var result = _fixture.Verify("bundle.fwb", option, value);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_payload_bit_is_exit_code_14_naming_entry_and_offset()
    {
        var bytes = File.ReadAllBytes(Cli.PathOf("bundle.fwb"));
        bytes[bytes.Length - 4096] ^= 1;
        File.WriteAllBytes(Cli.PathOf("flipped.fwb"), bytes);

        var result = _fixture.Verify("flipped.fwb", "--json");

        Assert.Equal(14, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("ChunkHashMismatch", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("payloads/rootfs", json.RootElement.GetProperty("entry").GetString());
        Assert.True(json.RootElement.GetProperty("offset").GetInt64() > 0);
    }

    [Fact]
    public void A_bundle_signed_by_a_key_outside_the_trust_is_exit_code_12()
    {
        Fixture.Expect(0, Cli.Fwtool("keygen", "--out", "stranger"));
        Fixture.Expect(0, Cli.Fwtool(Fixture.Epoch, "bundle", "create", "--board", Fixture.Board, "--version", "1.2.0",
            "--payload", "rootfs=rootfs.img", "--key", "stranger.key", "--out", "stranger.fwb"));

        var result = _fixture.Verify("stranger.fwb");

        Assert.Equal(12, result.ExitCode);
        Assert.Contains("UnknownSigner", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_checks_signers_against_a_trust_file_before_writing()
    {
        Fixture.Expect(0, Cli.Fwtool("keygen", "--out", "stranger"));

        var result = Cli.Fwtool("bundle", "create", "--board", Fixture.Board, "--version", "1.2.0", "--payload", "rootfs=rootfs.img",
            "--key", "stranger.key", "--trust", "trust.json", "--out", "refused.fwb");

        Assert.Equal(12, result.ExitCode);
        Assert.False(File.Exists(Cli.PathOf("refused.fwb")));
    }

    [Fact]
    public void Garbage_and_empty_files_are_container_errors()
    {
        File.WriteAllBytes(Cli.PathOf("empty.fwb"), []);
        File.WriteAllBytes(Cli.PathOf("garbage.fwb"), Enumerable.Range(0, 5000).Select(i => (byte)(i * 31)).ToArray());

        var empty = _fixture.Verify("empty.fwb");
        var garbage = _fixture.Verify("garbage.fwb");

        Assert.Equal(10, empty.ExitCode);
        Assert.Contains("Empty", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal(10, garbage.ExitCode);
    }

    [Fact]
    public void Empty_payload_is_a_usage_error_and_leaves_no_file_behind()
    {
        File.WriteAllBytes(Cli.PathOf("nothing.img"), []);
        var before = Directory.GetFiles(Cli.Directory).Order().ToArray();

        var result = Cli.Fwtool("bundle", "create", "--board", Fixture.Board, "--version", "1.0.0", "--payload", "rootfs=nothing.img",
            "--key", "release.key", "--out", "empty.fwb");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("empty", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(Cli.Directory).Order().ToArray());
    }

    [Fact]
    public void Create_refuses_to_overwrite_without_force()
    {
        var before = File.ReadAllBytes(Cli.PathOf("bundle.fwb"));

        var result = _fixture.CreateBundle("bundle.fwb", "--level", "1");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(Cli.PathOf("bundle.fwb")));
        Fixture.Expect(0, _fixture.CreateBundle("bundle.fwb", "--level", "1", "--force"));
    }

    [Fact]
    public void Inspect_json_carries_the_manifest_and_signers()
    {
        var result = Cli.Fwtool("bundle", "inspect", "bundle.fwb", "--json");

        Fixture.Expect(0, result);
        using var json = JsonDocument.Parse(result.Stdout);
        var manifest = json.RootElement.GetProperty("manifest");
        Assert.Equal("1.2.0", manifest.GetProperty("version").GetString());
        Assert.Equal(3 << 20, manifest.GetProperty("payloads")[0].GetProperty("size").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("signers").GetArrayLength());
    }

    [Fact]
    public void Verify_reads_a_bundle_from_standard_input()
    {
        var result = Cli.Peer("sh", "-c", $"'{Path.Combine(AppContext.BaseDirectory, "fwtool")}' bundle verify - --trust trust.json < bundle.fwb");

        Fixture.Expect(0, result);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        Assert.Equal(2, Cli.Fwtool("bundle", "verify", "bundle.fwb", "--trust", "trust.json", "--frobnicate").ExitCode);
        Assert.Equal(2, Cli.Fwtool("bundle", "create", "--board", "b", "--version", "not-semver", "--payload", "rootfs=rootfs.img",
            "--key", "release.key", "--out", "x.fwb").ExitCode);
    }

    public void Dispose() => _fixture.Dispose();
}
