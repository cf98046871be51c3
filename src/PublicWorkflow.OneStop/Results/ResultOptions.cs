namespace PublicWorkflow.OneStop.Results;

/// <summary>Settings under "PublicWorkflow:Results".</summary>
public sealed class ResultOptions
{
    public const string Section = "PublicWorkflow:Results";

    /// <summary>The center's public address: the result's QR code and the applicant's messages link to its pages.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The public page that verifies the result with this number.</summary>
    public Uri VerificationUrl(string number) => new($"{PublicBaseUrl.TrimEnd('/')}/verify.html?number={Uri.EscapeDataString(number)}");

    /// <summary>The public tracking page of a dossier (the lookup key is the citizen's, never part of a link we send).</summary>
    public Uri TrackingUrl(string code) => new($"{PublicBaseUrl.TrimEnd('/')}/track?code={Uri.EscapeDataString(code)}");

    /// <summary>
    /// The agency's signing certificate (PKCS#12 with its private key). Empty: a self-signed development certificate is
    /// created under the data folder at first start, and /health says so.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>Where the development certificate is kept; relative to the content root.</summary>
    public string DevelopmentCertificatePath { get; set; } = "data/signing/development-signing.pfx";
}
