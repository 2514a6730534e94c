namespace Firmware.Agent.Tests;

/// <summary>The test classes that share one linux-x64 publish of fwagent (a publish costs minutes).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPublish : ICollectionFixture<PublishedAgent>
{
    public const string Name = "published fwagent linux-x64";
}
