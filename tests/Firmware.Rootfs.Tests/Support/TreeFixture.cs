using Firmware.Rootfs.Layers;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>A tree over a scratch content store, with helpers to apply test layers.</summary>
public sealed class TreeFixture : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public TreeFixture()
    {
        Store = new ContentStore(_scratch.Of("store"));
        Tree = new RootfsTree(Store);
    }

    public ContentStore Store { get; }

    public RootfsTree Tree { get; }

    public string Scratch => _scratch.Path;

    public TreeFixture Apply(LayerBuilder layer, string name = "sha256:test") => Apply(layer.Tar(), name);

    public TreeFixture Apply(byte[] blob, string name = "sha256:test")
    {
        using var stream = new MemoryStream(blob);
        OciLayer.Apply(Tree, stream, name);
        return this;
    }

    public RootfsException Reject(LayerBuilder layer, string name = "sha256:bad") =>
        Assert.Throws<RootfsException>(() => Apply(layer, name));

    public string Text(string path)
    {
        var node = Assert.IsType<RegularFileNode>(Tree.Find(path));
        using var reader = new StreamReader(Store.OpenRead(node.Content));
        return reader.ReadToEnd();
    }

    public IReadOnlyList<string> Paths() => TreeWalker.Walk(Tree).Select(e => e.Path).ToList();

    public void Dispose() => _scratch.Dispose();
}
