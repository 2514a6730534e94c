using System.Text;
using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Model;

[Trait("Category", "Unit")]
public sealed class ManifestDocumentTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static ManifestDocument Parse(string json, string? declared = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return ManifestDocument.Parse(bytes, Digest.Sha256(bytes), declared, "test:image");
    }

    [Fact]
    public void ParsesAnOciManifestIgnoringUnknownKeys()
    {
        var document = Parse($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","futureField":[1,2],
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{Hex}}","size":2},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{{Hex}}","size":10,"annotations":{"a":"b"} } ] }
            """);
        Assert.Null(document.Index);
        Assert.Equal(MediaTypes.OciManifest, document.MediaType);
        Assert.Equal(10, Assert.Single(document.Manifest!.Layers).Size);
        Assert.Equal("b", document.Manifest.Layers[0].Annotations!["a"]);
    }

    [Fact]
    public void ParsesADockerManifestListWithPlatforms()
    {
        var document = Parse($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:{{Hex}}","size":527,"platform":{"architecture":"amd64","os":"linux"} },
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:{{Hex}}","size":527,"platform":{"architecture":"arm64","os":"linux","variant":"v8"} } ] }
            """);
        Assert.Equal(MediaTypes.DockerManifestList, document.MediaType);
        Assert.Equal("linux/arm64/v8", document.Index!.Manifests[1].Platform!.ToString());
    }

    [Fact]
    public void TellsAnIndexWithoutMediaTypeByItsShape() =>
        Assert.NotNull(Parse("""{"schemaVersion":2,"manifests":[]}""").Index);

    [Fact]
    public void TakesTheDeclaredTypeWhenTheDocumentHasNone() =>
        Assert.Equal(MediaTypes.DockerManifest, Parse($$"""{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:{{Hex}}","size":1},"layers":[]}""", MediaTypes.DockerManifest).MediaType);

    [Theory]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""", OciError.MalformedDocument)]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:nothex","size":1},"layers":[]}""", OciError.MalformedDocument)]
    [InlineData("""{"schemaVersion":1,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", OciError.UnsupportedMediaType)]
    [InlineData("""{"schemaVersion":1,"name":"library/busybox","fsLayers":[]}""", OciError.UnsupportedMediaType)]
    [InlineData("""{"schemaVersion":2,"mediaType":"text/html"}""", OciError.UnsupportedMediaType)]
    [InlineData("<html>502 Bad Gateway</html>", OciError.MalformedDocument)]
    [InlineData("null", OciError.MalformedDocument)]
    [InlineData("", OciError.MalformedDocument)]
    public void RejectsMalformedDocumentsWithTheirCode(string json, OciError expected)
    {
        var error = Assert.Throws<OciException>(() => Parse(json));
        Assert.Equal(expected, error.Error);
        Assert.Contains("test:image", error.Message, StringComparison.Ordinal);
    }
}
