using System.Text;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;
using Firmware.Oci.Writing;

namespace Firmware.Oci.Tests;

/// <summary>Small images made with the toolkit's own writer: one layer per platform holding <c>etc/arch</c>.</summary>
internal static class TestImages
{
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static IReadOnlyList<LayerEntry> Entries(string architecture) =>
    [
        new() { Path = "etc", Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0x1ED },
        new() { Path = "etc/arch", Kind = LayerEntryKind.File, Mode = (UnixFileMode)0x1A4, OpenContent = () => new MemoryStream(Encoding.UTF8.GetBytes(architecture + "\n")) },
        new() { Path = "bin", Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0x1ED },
        new() { Path = "bin/sh", Kind = LayerEntryKind.Symlink, Mode = (UnixFileMode)0x1FF, LinkTarget = "busybox" },
        new() { Path = "bin/busybox", Kind = LayerEntryKind.File, Mode = (UnixFileMode)0x1ED, Uid = 0, Gid = 0, OpenContent = () => new MemoryStream(new byte[70_000]) },
    ];

    /// <summary>Writes one image per platform, an index over them, and index.json naming that index <paramref name="tag"/>.</summary>
    public static async Task<(Descriptor Index, IReadOnlyList<Descriptor> Manifests)> WriteMultiArchAsync(string directory, string tag, params Platform[] platforms)
    {
        var writer = new OciLayoutWriter(directory);
        var manifests = new List<Descriptor>();
        foreach (var platform in platforms)
        {
            manifests.Add(await WriteImageAsync(writer, platform));
        }

        var index = await writer.WriteIndexAsync(manifests, CancellationToken.None);
        await writer.WriteIndexJsonAsync([OciLayoutWriter.Tagged(index, tag)], CancellationToken.None);
        return (index, manifests);
    }

    /// <summary>Writes a single-platform image and tags its manifest directly in index.json.</summary>
    public static async Task<Descriptor> WriteSingleAsync(string directory, string tag, Platform platform)
    {
        var writer = new OciLayoutWriter(directory);
        var manifest = await WriteImageAsync(writer, platform);
        await writer.WriteIndexJsonAsync([OciLayoutWriter.Tagged(manifest with { Platform = null }, tag)], CancellationToken.None);
        return manifest;
    }

    public static async Task<Descriptor> WriteImageAsync(OciLayoutWriter writer, Platform platform)
    {
        var layer = await writer.WriteLayerAsync(Entries(platform.Architecture), Epoch, CancellationToken.None);
        var config = new ImageConfig
        {
            Created = "2023-11-14T22:13:20Z",
            Architecture = platform.Architecture,
            Os = platform.Os,
            Variant = platform.Variant,
            Config = new ContainerConfig
            {
                Entrypoint = ["/bin/sh"],
                Cmd = ["-c", "cat /etc/arch"],
                Env = ["PATH=/bin"],
                WorkingDir = "/",
                User = "0:0",
                Labels = new Dictionary<string, string> { ["org.mobyproject.config"] = """{"readonly":true}""" },
            },
            RootFs = new RootFs { Type = "layers", DiffIds = [layer.DiffId] },
        };
        return await writer.WriteImageAsync(config, [layer.Descriptor], CancellationToken.None);
    }

    /// <summary>Reads a blob whole through the source, so its digest is checked.</summary>
    public static async Task<byte[]> ReadBlobAsync(IImageSource source, ResolvedImage image, Descriptor blob)
    {
        await using var opened = await source.OpenBlobAsync(image, blob, CancellationToken.None);
        var output = new MemoryStream();
        await opened.Stream.CopyToAsync(output);
        Assert.True(opened.Stream.Verified);
        return output.ToArray();
    }

    /// <summary>The content of <paramref name="name"/> inside a gzip layer.</summary>
    public static string FileInLayer(byte[] layer, string name)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(layer), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new System.Formats.Tar.TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == name)
            {
                using var content = new StreamReader(entry.DataStream!);
                return content.ReadToEnd();
            }
        }

        throw new FileNotFoundException(name);
    }
}
