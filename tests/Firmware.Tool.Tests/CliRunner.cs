namespace Firmware.Tool.Tests;

/// <summary>Runs fwtool (built beside the tests) and peer tools as real processes, in a scratch directory.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner() => Directory = System.IO.Directory.CreateTempSubdirectory("fwtool-test-").FullName;

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public ProcessResult Fwtool(params string[] args) => Fwtool(new Dictionary<string, string>(), args);

    public ProcessResult Fwtool(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ProcessRunner.Run(Path.Combine(AppContext.BaseDirectory, "fwtool"), args, Directory, environment);

    /// <summary>Runs a peer tool such as tar or openssl.</summary>
    public ProcessResult Peer(string program, params string[] args) => ProcessRunner.Run(program, args, Directory);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
