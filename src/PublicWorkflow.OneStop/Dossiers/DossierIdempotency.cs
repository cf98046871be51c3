using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// Dossier commands a client may repeat (reception, online filing, payment, rating): the first answer is kept under the
/// client's Idempotency-Key, in the same transaction as what the command did.
/// </summary>
public sealed class DossierIdempotency(OneStopDbContext db, TimeProvider time)
{
    /// <summary>A client's Idempotency-Key for a dossier command, scoped to who sent it and which command, with the hash of what was sent.</summary>
    public sealed record CommandKey(string Key, string RequestHash)
    {
        public static CommandKey? Of(string? idempotencyKey, string scope, object request)
        {
            if (idempotencyKey is null)
            {
                return null;
            }
            if (idempotencyKey.Length is 0 or > 200)
            {
                throw new RuntimeException(RuntimeErrorKind.Invalid, "bad-idempotency-key", "an idempotency key has 1 to 200 characters") { Field = "Idempotency-Key" };
            }
            // Hashed with its scope: one user's key never answers another's request, and the column's length is fixed.
            return new CommandKey("dossier:" + Sha256($"{scope}\n{idempotencyKey}"), Sha256(JsonSerializer.Serialize(request, request.GetType(), KeyJson)));
        }

        private static string Sha256(string text) =>
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

        /// <summary>Requests are tuples: their fields must be part of the hash.</summary>
        private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web) { IncludeFields = true };
    }

    /// <summary>
    /// Runs a command once per key: a key seen before answers with the dossier its first command created or changed
    /// (<paramref name="repeat"/>); a request racing the first one with the same key loses on the key's unique index and
    /// gets that answer too.
    /// </summary>
    public async Task<T> OnceAsync<T>(CommandKey? key, Func<Guid, Task<T>> repeat, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        if (await FirstAnswerAsync(key, cancellationToken) is { } first)
        {
            return await repeat(first);
        }
        try
        {
            return await run();
        }
        catch (Exception ex) when (key is not null && ex is DbUpdateException or RuntimeException { Kind: RuntimeErrorKind.Conflict })
        {
            db.ChangeTracker.Clear();
            if (await FirstAnswerAsync(key, cancellationToken) is { } raced)
            {
                return await repeat(raced);
            }
            throw;
        }
    }

    private async Task<Guid?> FirstAnswerAsync(CommandKey? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }
        var existing = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Key == key.Key, cancellationToken);
        return existing is null ? null
            : existing.RequestHash == key.RequestHash ? Guid.Parse(existing.ResponseJson)
            : throw new RuntimeException(RuntimeErrorKind.Invalid, "idempotency-key-reused", "this idempotency key was already used for a different request")
            {
                Field = "Idempotency-Key",
            };
    }

    /// <summary>The key's row joins the command's own rows (the context's next save): the key and what it did commit together.</summary>
    public DossierRecord Remember(CommandKey? key, DossierRecord dossier)
    {
        if (key is not null)
        {
            db.IdempotencyKeys.Add(new IdempotencyRecord
            {
                Key = key.Key, RequestHash = key.RequestHash, ResponseJson = dossier.Id.ToString(), CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        return dossier;
    }
}
