using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PublicWorkflow.OneStop.Results;

/// <summary>
/// The certificate results are signed with: the agency's, from configuration, or — the embedded default — a
/// self-signed development certificate made at first start and kept under the data folder (not trusted by anyone;
/// /health and the README say so). One per process.
/// </summary>
public sealed class SigningCertificate
{
    public X509Certificate2 Certificate { get; }

    /// <summary>True when the certificate is the self-signed development one.</summary>
    public bool IsDevelopment { get; }

    public SigningCertificate(ResultOptions options, string contentRoot)
    {
        if (options.CertificatePath.Length > 0)
        {
            var path = Path.GetFullPath(Path.Combine(contentRoot, options.CertificatePath));
            Certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!Certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"{ResultOptions.Section}:CertificatePath {path} holds no private key to sign with");
            }
            return;
        }
        IsDevelopment = true;
        var development = Path.GetFullPath(Path.Combine(contentRoot, options.DevelopmentCertificatePath));
        if (!File.Exists(development))
        {
            Create(development);
        }
        Certificate = X509CertificateLoader.LoadPkcs12FromFile(development, null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=PublicWorkflow development signing (not trusted), O=PublicWorkflow, C=VN", key,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another node made it first: use theirs
        }
    }
}
