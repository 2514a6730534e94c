namespace Firmware.Agent.Tests;

/// <summary>The update commands through the managed build of fwagent.</summary>
[Trait("Category", "Integration")]
public sealed class ManagedAgentUpdateTests : AgentUpdateCommandTests
{
    private static readonly string Agent = Path.Combine(AppContext.BaseDirectory, "fwagent.dll");

    protected override ProcessResult Invoke(IEnumerable<string> args, string directory) => ProcessRunner.Run("dotnet", [Agent, .. args], directory);
}
