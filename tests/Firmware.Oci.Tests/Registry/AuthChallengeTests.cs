using Firmware.Oci.Registry;

namespace Firmware.Oci.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class AuthChallengeTests
{
    [Fact]
    public void ParsesABearerChallengeWithQuotedCommas()
    {
        var parameters = AuthChallenge.ParseParameters("""realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push" """);
        Assert.Equal("https://auth.example.com/token", parameters["realm"]);
        Assert.Equal("registry.example.com", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    [Fact]
    public void ParsesUnquotedValuesAndEscapes()
    {
        var parameters = AuthChallenge.ParseParameters("""realm=plain, error="say \"no\"" """);
        Assert.Equal("plain", parameters["realm"]);
        Assert.Equal("say \"no\"", parameters["error"]);
    }

    [Fact]
    public void IgnoresGarbage() => Assert.Empty(AuthChallenge.ParseParameters(",,, nothing here"));
}
