namespace Firmware.Fleet.Host.Provisioning;

/// <summary>A certificate and its private key, both PEM (the key PKCS#8).</summary>
/// <param name="CertificatePem">The certificate.</param>
/// <param name="KeyPem">The private key: a secret.</param>
public sealed record IssuedCertificate(string CertificatePem, string KeyPem);
