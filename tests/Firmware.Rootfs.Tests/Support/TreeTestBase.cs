namespace Firmware.Rootfs.Tests.Support;

/// <summary>A test class over one fresh <see cref="TreeFixture"/>, disposed after each test.</summary>
public abstract class TreeTestBase : IDisposable
{
    public TreeFixture Fixture { get; } = new();

    public void Dispose()
    {
        Fixture.Dispose();
        GC.SuppressFinalize(this);
    }
}
