using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Registry;

/// <summary>
/// A docker-registry with test images pushed by skopeo: <c>fw/app:v1</c> (OCI index, amd64 and
/// arm64), <c>fw/docker:v1</c> (the same as a Docker manifest list), <c>fw/amd64only:v1</c>.
/// With token authentication, <c>fw/public:v1</c> and <c>fw/private:v1</c> instead; with
/// htpasswd (HTTP Basic), <c>fw/private:v1</c>.
/// </summary>
public abstract class RegistryFixture : IAsyncLifetime, IDisposable
{
    private readonly RegistryAuth _auth;
    private TokenServer? _tokenServer;
    private RegistryProcess? _registry;

    private protected RegistryFixture(RegistryAuth auth) => _auth = auth;

    internal ScratchDirectory Scratch { get; } = new();

    public string Host => _registry!.Host;

    public Descriptor Index { get; private set; } = null!;

    public IReadOnlyList<Descriptor> Manifests { get; private set; } = [];

    internal TokenServer Tokens => _tokenServer!;

    public async Task InitializeAsync()
    {
        (Index, Manifests) = await TestImages.WriteMultiArchAsync(Scratch.Of("multi"), "v1", Platform.LinuxAmd64, Platform.LinuxArm64);
        await TestImages.WriteSingleAsync(Scratch.Of("single"), "v1", Platform.LinuxAmd64);
        _registry = new RegistryProcess(Scratch.Path, AuthSection());
        switch (_auth)
        {
            case RegistryAuth.Token:
                Push("multi", "fw/public:v1", "--all");
                Push("multi", "fw/private:v1", "--all");
                break;
            case RegistryAuth.Htpasswd:
                Push("multi", "fw/private:v1", "--all");
                break;
            default:
                Push("multi", "fw/app:v1", "--all");
                Push("multi", "fw/docker:v1", "--all", "--format", "v2s2");
                Push("single", "fw/amd64only:v1");
                break;
        }
    }

    private string AuthSection()
    {
        switch (_auth)
        {
            case RegistryAuth.Token:
                var certificate = Scratch.Of("token-signer.pem");
                _tokenServer = new TokenServer(certificate);
                return $"""
                    auth:
                      token:
                        realm: {_tokenServer.Realm}
                        service: {TokenServer.Service}
                        issuer: {TokenServer.Issuer}
                        rootcertbundle: {certificate}
                    """;
            case RegistryAuth.Htpasswd:
                // bcrypt, the only hash docker-registry's htpasswd accepts.
                var hashed = ProcessRunner.Run("htpasswd", ["-Bbn", TokenServer.Username, TokenServer.Password], Scratch.Path);
                Assert.True(hashed.ExitCode == 0, hashed.ToString());
                File.WriteAllText(Scratch.Of("htpasswd"), hashed.Stdout.Trim() + "\n");
                return $"""
                    auth:
                      htpasswd:
                        realm: fw-test
                        path: {Scratch.Of("htpasswd")}
                    """;
            default:
                return "";
        }
    }

    private void Push(string layout, string name, params string[] options)
    {
        string[] credentials = _auth == RegistryAuth.None ? [] : ["--dest-creds", $"{TokenServer.Username}:{TokenServer.Password}"];
        var result = ProcessRunner.Run("skopeo", ["copy", "--dest-tls-verify=false", .. credentials, .. options, $"oci:{layout}:v1", $"docker://{Host}/{name}"], Scratch.Path);
        Assert.True(result.ExitCode == 0, $"skopeo push {name}: {result}\nregistry: {_registry!.Log}");
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registry?.Dispose();
        _registry = null;
        _tokenServer?.Dispose();
        _tokenServer = null;
        if (Directory.Exists(Scratch.Path))
        {
            Scratch.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A registry open to anonymous pulls and pushes.</summary>
public sealed class OpenRegistryFixture() : RegistryFixture(RegistryAuth.None);

/// <summary>A registry behind bearer tokens from <see cref="TokenServer"/>.</summary>
public sealed class TokenRegistryFixture() : RegistryFixture(RegistryAuth.Token);

/// <summary>A registry behind HTTP Basic (htpasswd).</summary>
public sealed class BasicRegistryFixture() : RegistryFixture(RegistryAuth.Htpasswd);

/// <summary>How a test registry authenticates.</summary>
public enum RegistryAuth
{
    /// <summary>Not at all.</summary>
    None,
    /// <summary>Bearer tokens (<c>auth: token</c>).</summary>
    Token,
    /// <summary>HTTP Basic against an htpasswd file (<c>auth: htpasswd</c>).</summary>
    Htpasswd,
}
