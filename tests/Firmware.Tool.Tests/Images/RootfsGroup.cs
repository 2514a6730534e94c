namespace Firmware.Tool.Tests.Images;

/// <summary>The image rootfs tests share one set of built packages and one registry.</summary>
[CollectionDefinition(Name)]
public sealed class RootfsGroup : ICollectionFixture<RootfsInputs>
{
    public const string Name = "rootfs inputs";
}
