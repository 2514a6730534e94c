namespace Firmware.Agent.Tests;

/// <summary>agent.yml files for the published agent, in its scratch directory.</summary>
internal static class AgentConfigFiles
{
    /// <summary>An offline device with file-backed slots and checks that pass on any Linux machine.</summary>
    public static string WriteOffline(string directory, string name = "agent.yml", int intervalSeconds = 1)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $"""
            device: {"{"} id: test-1, compatible: test-board {"}"}
            data-dir: {directory}/data
            slots:
              a: {"{"} file: {directory}/a.img, size: 64MiB {"}"}
              b: {"{"} file: {directory}/b.img, size: 64MiB {"}"}
            boot: {"{"} backend: simulated, simulated: {"{"} state: {directory}/boot.state {"}"} {"}"}
            health:
              timeout-s: 5
              retry-s: 1
              commands: [ {"{"} run: [/bin/true] {"}"} ]
              min-memory: 1MiB
              disks: [ {"{"} mount: /tmp, min-free: 1MiB {"}"} ]
            telemetry: {"{"} interval-s: {intervalSeconds}, ring: 100, mounts: [/] {"}"}
            """);
        return path;
    }
}
