using System.Security.Cryptography;
using System.Text;

namespace Firmware.Rootfs.Tests.Support;

/// <summary>
/// Writes the smallest OCI image layout (image-spec image-layout.md) a peer tool accepts:
/// <c>oci-layout</c>, <c>index.json</c> naming one manifest by tag, and the blobs.
/// Test-only: the production writer is a separate component.
/// </summary>
public static class OciLayoutWriter
{
    public static void Write(string directory, string tag, IReadOnlyList<byte[]> uncompressedLayers)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256")).FullName;
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");

        var layers = new List<string>();
        var diffIds = new List<string>();
        foreach (var tar in uncompressedLayers)
        {
            diffIds.Add($"\"sha256:{Hex(tar)}\"");
            layers.Add(Descriptor("application/vnd.oci.image.layer.v1.tar", Blob(blobs, tar), tar.Length));
        }

        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + string.Join(',', diffIds) + "]}}");
        var configDescriptor = Descriptor("application/vnd.oci.image.config.v1+json", Blob(blobs, config), config.Length);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + configDescriptor
            + ",\"layers\":[" + string.Join(',', layers) + "]}");
        var index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
            + Blob(blobs, manifest) + "\",\"size\":" + manifest.Length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}";
        File.WriteAllText(Path.Combine(directory, "index.json"), index);
    }

    private static string Descriptor(string mediaType, string hex, long size) =>
        $$"""{"mediaType":"{{mediaType}}","digest":"sha256:{{hex}}","size":{{size}}}""";

    private static string Blob(string blobs, byte[] content)
    {
        var hex = Hex(content);
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return hex;
    }

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
