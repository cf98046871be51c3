using System.Text.Json;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using static PublicWorkflow.OneStop.Dossiers.DossierIdempotency;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The payment of fees and obligations, with its channel: a case waiting for it goes on.</summary>
public sealed class RecordPayment(DossierStore store, ApplicantSteps applicantSteps, DossierIdempotency once, TimeProvider time)
{
    /// <summary>Records the payment of fees and obligations with its channel; a case waiting for it goes on.</summary>
    /// <remarks>
    /// A repeat with the same <paramref name="idempotencyKey"/> gets the dossier as it stands, not "already paid";
    /// <paramref name="authorize"/> (scope, If-Match) runs on the dossier read, and only for a first request.
    /// </remarks>
    public async Task<DossierRecord> RecordAsync(DossierId dossierId, string channel, string actor, string? idempotencyKey = null,
        Action<DossierRecord>? authorize = null, CancellationToken cancellationToken = default, string? reference = null)
    {
        if (channel is not ("online" or "counter" or "bank" or "post"))
        {
            throw RuntimeException.Invalid("channel", "the payment channel is one of online, counter, bank, post");
        }
        var key = CommandKey.Of(idempotencyKey, $"payment\n{actor}", (dossierId, channel));
        return await once.OnceAsync(key, id => store.DossierAsync(new DossierId(id), cancellationToken), async () =>
        {
            var dossier = await store.DossierAsync(dossierId, cancellationToken);
            authorize?.Invoke(dossier);
            if (dossier.FeePaidAt is not null)
            {
                throw new RuntimeException(RuntimeErrorKind.Conflict, "already-paid", $"dossier {dossier.Code} is already paid");
            }
            void Paid(DossierRecord tracked)
            {
                once.Remember(key, tracked);
                tracked.FeePaidAt = time.GetUtcNow().UtcDateTime;
                tracked.PaymentChannel = channel;
                tracked.PaymentReference = reference;
            }
            if (dossier.Status == DossierStatus.AwaitingFees)
            {
                await applicantSteps.AdvanceAsync(dossier, "fees", new Dictionary<string, JsonElement>(), actor, Paid, cancellationToken);
            }
            else
            {
                await store.SaveAsync(dossierId, Paid, cancellationToken);
            }
            return await store.DossierAsync(dossierId, cancellationToken);
        }, cancellationToken);
    }
}
