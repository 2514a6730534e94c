namespace Firmware.Tool.Tests;

/// <summary>
/// A ready-made signing setup on disk: a root key, a release key, a trust file, a payload, and a
/// valid bundle, made once through the CLI itself.
/// </summary>
internal sealed class Fixture : IDisposable
{
    public const string Board = "test-board";
    public static readonly Dictionary<string, string> Epoch = new() { ["SOURCE_DATE_EPOCH"] = "1700000000" };

    public Fixture()
    {
        Cli = new CliRunner();
        Expect(0, Cli.Fwtool("keygen", "--out", "root"));
        Expect(0, Cli.Fwtool("keygen", "--out", "release"));
        Expect(0, Cli.Fwtool("trust", "init", "--root", "root.key", "--release", "release.pub", "--out", "trust.json"));
        var payload = new byte[3 << 20];
        new Random(7).NextBytes(payload.AsSpan(0, 1 << 20));
        File.WriteAllBytes(Cli.PathOf("rootfs.img"), payload);
        Expect(0, CreateBundle("bundle.fwb"));
    }

    public CliRunner Cli { get; }

    public ProcessResult CreateBundle(string output, params string[] extra) =>
        Cli.Fwtool(Epoch, ["bundle", "create", "--board", Board, "--version", "1.2.0", "--min-version", "1.0.0",
            "--payload", "rootfs=rootfs.img", "--key", "release.key", "--expires", "36500d", "--out", output, .. extra]);

    public ProcessResult Verify(string bundle, params string[] extra) =>
        Cli.Fwtool(["bundle", "verify", bundle, "--trust", "trust.json", .. extra]);

    public static void Expect(int exitCode, ProcessResult result) => Assert.True(result.ExitCode == exitCode, result.ToString());

    public void Dispose() => Cli.Dispose();
}
