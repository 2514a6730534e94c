using System.Text.Json;

namespace Firmware.Agent.Tests;

/// <summary>
/// <c>fwagent install | status | commit | rollback</c> as processes over image-file slots and the
/// simulated bootloader: the reboot in between is the test powering the simulated device on.
/// </summary>
public abstract class AgentUpdateCommandTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    /// <summary>Runs fwagent with arguments: the managed build (Integration) or the NativeAOT binary (System).</summary>
    protected abstract ProcessResult Invoke(IEnumerable<string> args, string directory);
    private readonly byte[] _image = new byte[300_000];

    public AgentUpdateCommandTests()
    {
        new Random(5).NextBytes(_image);
        File.WriteAllBytes(_scratch.Of("a.img"), new byte[1 << 20]);
        File.WriteAllBytes(_scratch.Of("b.img"), new byte[1 << 20]);
    }

    public void Dispose()
    {
        _scratch.Dispose();
        GC.SuppressFinalize(this);
    }

    private ProcessResult Run(string command, string booted, params string[] args) => Invoke(
        [command, .. args, "--data", _scratch.Of("data"), "--slot-a", _scratch.Of("a.img"), "--slot-b", _scratch.Of("b.img"),
         "--boot", $"simulated:{_scratch.Of("boot.state")}", "--trust", _scratch.Of("trust.json"), "--board", "test-board",
         "--installed-version", "1.0.0", "--booted", booted], _scratch.Path);

    private JsonElement Status(string booted)
    {
        var status = Run("status", booted, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        return JsonDocument.Parse(status.Stdout).RootElement.Clone();
    }

    [Fact]
    public async Task Install_then_commit_after_the_reboot()
    {
        await WriteBundleAsync("1.1.0");

        var install = Run("install", "A", _scratch.Of("update.fwb"));
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("reboot to continue: slot B is armed", install.Stdout, StringComparison.Ordinal);
        Assert.Equal(_image, File.ReadAllBytes(_scratch.Of("b.img"))[.._image.Length]);
        var armed = Status("A");
        Assert.Equal("B", armed.GetProperty("bootloader").GetProperty("trial").GetString());
        Assert.Equal("Rebooting", armed.GetProperty("update").GetProperty("state").GetString());

        var commit = Run("commit", "B", "--json");
        Assert.True(commit.ExitCode == 0, commit.ToString());
        var committed = Status("B");
        Assert.Equal("B", committed.GetProperty("bootloader").GetProperty("primary").GetString());
        Assert.Equal("1.1.0", committed.GetProperty("installedVersion").GetString());
        Assert.Equal("Committed", committed.GetProperty("outcomes")[0].GetProperty("outcome").GetString());
        Assert.Single(File.ReadAllLines(_scratch.Of("data/outcomes.jsonl")));
    }

    [Fact]
    public async Task Rollback_before_the_reboot_disarms_the_new_slot()
    {
        await WriteBundleAsync("1.1.0");
        Assert.Equal(0, Run("install", "A", _scratch.Of("update.fwb")).ExitCode);

        var rollback = Run("rollback", "A");

        Assert.Equal(30, rollback.ExitCode);
        var status = Status("A");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("bootloader").GetProperty("trial").ValueKind);
        Assert.Equal("Cancelled", status.GetProperty("outcomes")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_downgrade_fails_with_nothing_armed()
    {
        await WriteBundleAsync("0.9.0");

        var install = Run("install", "A", _scratch.Of("update.fwb"), "--json");

        Assert.Equal(30, install.ExitCode);
        var status = Status("A");
        Assert.Equal("BundleRejected", status.GetProperty("update").GetProperty("error").GetString());
        Assert.Contains("Downgrade", status.GetProperty("update").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(new byte[1 << 20], File.ReadAllBytes(_scratch.Of("b.img")));
    }

    [Fact]
    public async Task Commit_without_an_update_says_so()
    {
        await WriteBundleAsync("1.1.0");

        var commit = Run("commit", "A");

        Assert.Equal(32, commit.ExitCode);
        Assert.Contains("no update is in progress", commit.Stderr, StringComparison.Ordinal);
    }

    private Task<string> WriteBundleAsync(string version) => SignedBundles.WriteAsync(_scratch.Path, _image, version);
}
