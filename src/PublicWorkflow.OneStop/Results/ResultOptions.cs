namespace PublicWorkflow.OneStop.Results;

/// <summary>Settings under "PublicWorkflow:Results".</summary>
public sealed class ResultOptions
{
    public const string Section = "PublicWorkflow:Results";

    /// <summary>The public address the result's QR code opens (…/verify.html?number=…).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The agency's signing certificate (PKCS#12 with its private key). Empty: a self-signed development certificate is
    /// created under the data folder at first start, and /health says so.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>Where the development certificate is kept; relative to the content root.</summary>
    public string DevelopmentCertificatePath { get; set; } = "data/signing/development-signing.pfx";
}
