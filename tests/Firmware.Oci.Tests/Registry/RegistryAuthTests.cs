using Firmware.Oci.Model;
using Firmware.Oci.Registry;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Registry;

/// <summary>Bearer-token authentication against docker-registry's <c>auth: token</c>, with a token server in the test.</summary>
[Trait("Category", "Integration")]
public sealed class RegistryAuthTests(TokenRegistryFixture registry) : IClassFixture<TokenRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private RegistrySource SourceWith(RegistryCredentials? credentials) => new(_http, new RegistryOptions { Credentials = _ => credentials });

    [Fact]
    public async Task AnonymousTokensPullAPublicRepository()
    {
        var source = SourceWith(null);
        var image = await source.ResolveAsync($"{registry.Host}/fw/public:v1", Platform.LinuxArm64, CancellationToken.None);
        Assert.Equal("arm64\n", TestImages.FileInLayer(await TestImages.ReadBlobAsync(source, image, image.Layers[0]), "etc/arch"));
    }

    [Fact]
    public async Task CredentialsBuyATokenForAPrivateRepository()
    {
        var source = SourceWith(new RegistryCredentials(TokenServer.Username, TokenServer.Password));
        var issued = registry.Tokens.Issued;
        var image = await source.ResolveAsync($"{registry.Host}/fw/private:v1", Platform.LinuxAmd64, CancellationToken.None);
        Assert.Equal("amd64\n", TestImages.FileInLayer(await TestImages.ReadBlobAsync(source, image, image.Layers[0]), "etc/arch"));
        // One token serves the index, the manifest, the config and the layer.
        Assert.Equal(issued + 1, registry.Tokens.Issued);
    }

    [Fact]
    public async Task APrivateRepositoryRefusesAnonymousAccess()
    {
        var error = await Assert.ThrowsAsync<OciException>(() => SourceWith(null).ResolveAsync($"{registry.Host}/fw/private:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.Unauthorized, error.Error);
        Assert.Contains("anonymous access", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{registry.Host}/v2/fw/private/manifests/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongCredentialsAreUnauthorized()
    {
        var source = SourceWith(new RegistryCredentials(TokenServer.Username, "wrong"));
        var error = await Assert.ThrowsAsync<OciException>(() => source.ResolveAsync($"{registry.Host}/fw/private:v1", Platform.LinuxAmd64, CancellationToken.None));
        Assert.Equal(OciError.Unauthorized, error.Error);
        Assert.Contains($"'{TokenServer.Username}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }
}
