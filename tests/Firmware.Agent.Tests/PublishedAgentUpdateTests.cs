namespace Firmware.Agent.Tests;

/// <summary>The update commands through the NativeAOT binary: LiteDB's checkpoint, the bundle reader and the commands as they ship.</summary>
[Trait("Category", "System")]
[Collection(SharedPublish.Name)]
public sealed class PublishedAgentUpdateTests(PublishedAgent agent) : AgentUpdateCommandTests
{
    protected override ProcessResult Invoke(IEnumerable<string> args, string directory) => ProcessRunner.Run(agent.Executable, args, directory);
}
