using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Results;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// The document store and the last integrity check: Degraded when files were found missing or altered (named by hash,
/// for the supervisor), Healthy otherwise. The store in use is named.
/// </summary>
internal sealed class DocumentsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IBlobStore>().Name;
        var last = await scope.ServiceProvider.GetRequiredService<FileIntegrity>().LastAsync(cancellationToken);
        if (last is null)
        {
            return HealthCheckResult.Healthy($"store: {store}; no integrity check has run yet");
        }
        var summary = $"store: {store}; last check {last.CheckedAt:yyyy-MM-dd HH:mm} UTC: {last.Files} files";
        return last.Missing + last.Altered == 0
            ? HealthCheckResult.Healthy(summary + ", all intact")
            : HealthCheckResult.Degraded($"{summary}, {last.Missing} missing, {last.Altered} altered: {last.Detail?.Split('\n').FirstOrDefault()}");
    }
}

/// <summary>Degraded while results are signed with the self-signed development certificate, which nobody else trusts.</summary>
internal sealed class SigningHealthCheck(SigningCertificate signing) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(signing.IsDevelopment
            ? HealthCheckResult.Degraded($"results are signed with a self-signed development certificate ({signing.Certificate.Thumbprint}): they verify on this "
                + $"system's page but are trusted nowhere else; set {ResultOptions.Section}:CertificatePath to the agency's certificate")
            : HealthCheckResult.Healthy($"signing with {signing.Certificate.Subject}, valid until {signing.Certificate.NotAfter:yyyy-MM-dd}"));
}
