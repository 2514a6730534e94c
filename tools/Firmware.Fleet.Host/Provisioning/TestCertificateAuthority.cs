using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Firmware.Fleet.Host.Provisioning;

/// <summary>
/// A throwaway certificate authority for a test or bench fleet (RFC 5280 profiles, ECDSA P-256):
/// one CA, a server certificate for the broker (127.0.0.1, ::1, localhost) and a client
/// certificate per device whose CN is the device id. A production fleet brings its own PKI.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);
    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;
    private readonly DateTimeOffset _notBefore;
    private readonly DateTimeOffset _notAfter;

    private TestCertificateAuthority(ECDsa key, X509Certificate2 certificate, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        _key = key;
        _certificate = certificate;
        _notBefore = notBefore;
        _notAfter = notAfter;
    }

    /// <summary>The CA certificate in PEM.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>The CA's private key in PKCS#8 PEM.</summary>
    public string KeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Creates a CA valid from an hour before <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static TestCertificateAuthority Create(string name, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = now - Backdate;
        var notAfter = now + lifetime;
        return new TestCertificateAuthority(key, request.CreateSelfSigned(notBefore, notAfter), notBefore, notAfter);
    }

    /// <summary>A server certificate for the broker on this machine: 127.0.0.1, ::1 and localhost.</summary>
    public IssuedCertificate IssueServer(string name) => Issue(name, "1.3.6.1.5.5.7.3.1", san =>
    {
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
    });

    /// <summary>A client certificate whose CN is <paramref name="username"/> (a device id or a controller's name).</summary>
    public IssuedCertificate IssueClient(string username) => Issue(username, "1.3.6.1.5.5.7.3.2", null);

    /// <inheritdoc/>
    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private IssuedCertificate Issue(string commonName, string extendedUsage, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        if (names is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }

        // RFC 5280 §4.1.2.2: a positive serial of at most 20 bytes, unique per CA; 16 random bytes suffice.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(_certificate, _notBefore, _notAfter, serial);
        return new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
