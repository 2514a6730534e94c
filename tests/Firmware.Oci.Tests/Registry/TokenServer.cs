using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Firmware.Oci.Tests.Registry;

/// <summary>
/// A token server for docker-registry's <c>auth: token</c> (distribution docs/spec/auth/token.md
/// and jwt.md): answers GET /token?service=&amp;scope= with an ES256 JWT whose header carries the
/// signing certificate (x5c), which the registry checks against its rootcertbundle, then issuer,
/// audience, expiry and the granted access. Anonymous callers get pull on <c>fw/public</c> only;
/// <see cref="Username"/>/<see cref="Password"/> get what they ask for; other credentials get 401.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Username = "tester";
    public const string Password = "s3cret";
    public const string Issuer = "fw-test-issuer";
    public const string Service = "fw-test-registry";

    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private int _issued;

    public TokenServer(string certificatePath)
    {
        var request = new CertificateRequest("CN=fw test token signer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, _certificate.ExportCertificatePem() + "\n");
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Realm => $"http://127.0.0.1:{Port}/token";

    /// <summary>Tokens issued so far.</summary>
    public int Issued => _issued;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            var (user, password) = BasicCredentials(context.Request.Headers["Authorization"]);
            if (user is not null && (user != Username || password != Password))
            {
                response.StatusCode = 401;
                continue;
            }

            var scopes = (context.Request.QueryString.GetValues("scope") ?? []).SelectMany(s => s.Split(' '));
            var token = Sign(Grant(scopes, authenticated: user is not null));
            Interlocked.Increment(ref _issued);
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object> { ["token"] = token, ["expires_in"] = 300 }));
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
    }

    private static (string? User, string? Password) BasicCredentials(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return (decoded[..colon], decoded[(colon + 1)..]);
    }

    // scope = repository:NAME:ACTIONS (token.md "Requesting a Token").
    private static List<Dictionary<string, object>> Grant(IEnumerable<string> scopes, bool authenticated)
    {
        var access = new List<Dictionary<string, object>>();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository")
            {
                continue;
            }

            var actions = authenticated ? parts[2].Split(',') : parts[1] == "fw/public" ? parts[2].Split(',').Where(a => a == "pull").ToArray() : [];
            access.Add(new() { ["type"] = "repository", ["name"] = parts[1], ["actions"] = actions });
        }

        return access;
    }

    private string Sign(List<Dictionary<string, object>> access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "ES256", ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = "test",
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        // JWS ES256 signatures are R || S, 32 bytes each (RFC 7518 section 3.4), .NET's default format.
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        // Close alone: after Stop, the managed HttpListener's Close looks its endpoint up again and
        // binds the port anew, which fails when another test has taken the port meanwhile.
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }
}
