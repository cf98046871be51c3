using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using static PublicWorkflow.OneStop.Dossiers.DossierIdempotency;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The citizen's rating of the service, once the result is returned: once per dossier.</summary>
public sealed class RateService(OneStopDbContext db, DossierStore store, DossierIdempotency once, TimeProvider time)
{
    /// <summary>
    /// The citizen's rating (1 to 5) once the result is returned: once per dossier, with its code and the lookup key printed
    /// on the receipt (a wrong key is "not found", as for tracking). A repeat with the same idempotency key is not a second rating.
    /// </summary>
    public async Task<DossierRecord> RateAsync(string code, string? lookupKey, int rating, string? comment, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        if (rating is < 1 or > 5)
        {
            throw RuntimeException.Invalid("rating", "the rating is 1 (very dissatisfied) to 5 (very satisfied)");
        }
        if (comment?.Length > 2000)
        {
            throw RuntimeException.Invalid("comment", "the comment has at most 2000 characters");
        }
        var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (dossier is null || !LookupKeys.Matches(dossier.LookupKey, lookupKey))
        {
            throw RuntimeException.NotFound("dossier", code);
        }
        var key = CommandKey.Of(idempotencyKey, $"rating\n{code}", (rating, comment));
        return await once.OnceAsync(key, id => store.DossierAsync(new DossierId(id), cancellationToken), () => RateOnceAsync(dossier, key, rating, comment, cancellationToken), cancellationToken);
    }

    private async Task<DossierRecord> RateOnceAsync(DossierRecord dossier, CommandKey? key, int rating, string? comment, CancellationToken cancellationToken)
    {
        var code = dossier.Code;
        if (dossier.Status != DossierStatus.Returned)
        {
            throw RuntimeException.Rejected("not-returned", "a dossier can be rated once its result has been returned");
        }
        if (dossier.RatedAt is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-rated", $"dossier {code} has already been rated");
        }
        await store.SaveAsync(new DossierId(dossier.Id), tracked =>
        {
            once.Remember(key, tracked);
            tracked.Rating = rating;
            tracked.RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            tracked.RatedAt = time.GetUtcNow().UtcDateTime;
        }, cancellationToken);
        return await store.DossierAsync(new DossierId(dossier.Id), cancellationToken);
    }
}
