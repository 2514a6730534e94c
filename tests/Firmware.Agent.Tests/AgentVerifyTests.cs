namespace Firmware.Agent.Tests;

[Trait("Category", "System")]
[Collection(SharedPublish.Name)]
public sealed class AgentVerifyTests
{
    private readonly PublishedAgent _agent;

    public AgentVerifyTests(PublishedAgent agent) => _agent = agent;

    [Fact]
    public void Native_binary_links_only_the_C_library()
    {
        var needed = ProcessRunner.Run("readelf", ["-d", _agent.Executable], _agent.Directory);

        Assert.Equal(0, needed.ExitCode);
        var libraries = needed.Stdout.Split('\n').Where(l => l.Contains("(NEEDED)", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('[', StringComparison.Ordinal) + 1)..l.IndexOf(']', StringComparison.Ordinal)]).Order().ToArray();
        Assert.Equal(["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"], libraries);
    }

    [Fact]
    public void Publishing_reports_no_trim_or_AOT_warnings()
    {
        Assert.DoesNotContain("warning", _agent.PublishOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verifies_a_good_bundle_and_rejects_a_tampered_one_with_the_integrity_exit_code()
    {
        var (trustPath, bundlePath) = await WriteSignedBundleAsync();
        var tamperedPath = Path.Combine(_agent.Directory, "tampered.fwb");
        var bytes = await File.ReadAllBytesAsync(bundlePath);
        bytes[^2048] ^= 0x80;
        await File.WriteAllBytesAsync(tamperedPath, bytes);

        var good = _agent.Agent("verify", bundlePath, "--trust", trustPath, "--board", "test-board");
        var bad = _agent.Agent("verify", tamperedPath, "--trust", trustPath, "--json");

        Assert.True(good.ExitCode == 0, good.Stdout + good.Stderr);
        Assert.Equal(14, bad.ExitCode);
        Assert.Contains("\"error\":\"ChunkHashMismatch\"", bad.Stdout, StringComparison.Ordinal);
    }

    private async Task<(string Trust, string Bundle)> WriteSignedBundleAsync()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_agent.Directory, "verify")).FullName;
        var payload = new byte[2 << 20];
        new Random(3).NextBytes(payload);
        return (Path.Combine(directory, "trust.json"), await SignedBundles.WriteAsync(directory, payload, "1.0.0"));
    }
}
