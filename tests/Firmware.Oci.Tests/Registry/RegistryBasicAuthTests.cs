using Firmware.Oci.Model;
using Firmware.Oci.Registry;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Tests.Registry;

/// <summary>HTTP Basic against docker-registry's <c>auth: htpasswd</c>.</summary>
[Trait("Category", "Integration")]
public sealed class RegistryBasicAuthTests(BasicRegistryFixture registry) : IClassFixture<BasicRegistryFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private Task<ResolvedImage> ResolveAsync(RegistryCredentials? credentials) =>
        new RegistrySource(_http, new RegistryOptions { Credentials = host => host == registry.Host ? credentials : null })
            .ResolveAsync($"{registry.Host}/fw/private:v1", Platform.LinuxArm64, CancellationToken.None);

    [Fact]
    public async Task TheRightCredentialsPull() =>
        Assert.Equal("arm64", (await ResolveAsync(new RegistryCredentials(TokenServer.Username, TokenServer.Password))).Config.Architecture);

    [Theory]
    [InlineData(null, "anonymous access")]
    [InlineData("wrong", $"the credentials of '{TokenServer.Username}'")]
    public async Task MissingOrWrongCredentialsAreUnauthorized(string? password, string expected)
    {
        var error = await Assert.ThrowsAsync<OciException>(() => ResolveAsync(password is null ? null : new RegistryCredentials(TokenServer.Username, password)));
        Assert.Equal(OciError.Unauthorized, error.Error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"http://{registry.Host}/v2/fw/private/manifests/v1", error.Message, StringComparison.Ordinal);
    }
}
