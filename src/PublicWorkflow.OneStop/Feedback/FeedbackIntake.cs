using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>An item as its sender gives it; the dossier is named by its code and lookup key (both, or neither).</summary>
public sealed record FeedbackSubmission(string? Subject, string? Text, string? DossierCode = null, string? DossierKey = null, string? ContactName = null,
    string? ContactEmail = null, string? ContactPhone = null);

/// <summary>Where an item came from: the channel, who recorded it, and what tells its sender apart.</summary>
/// <param name="Sender">What identifies the sender for merging duplicates (an address, an account), hashed before it is kept.</param>
public sealed record FeedbackSource(string Channel, string RecordedBy, string Sender, Guid? CitizenAccountId = null, string? PartnerId = null,
    string? PartnerItemId = null);

/// <summary>The code and secret of an item, and whether this request made it (false: a repeat or a merged duplicate).</summary>
public sealed record FeedbackReceipt(Guid Id, string Code, string Secret, bool Created);

/// <summary>
/// Intake from every channel: the text made plain and limited, the dossier checked against its lookup key, a repeat from
/// the same sender within the window merged, a partner's item taken once per item id; then the item and its case are
/// written in one transaction, the case's first step going to the hub.
/// </summary>
public sealed class FeedbackIntake(OneStopDbContext db, CaseRuntime cases, FeedbackClock clock, FeedbackOptions options, TimeProvider time)
{
    public const int MaxSubject = 200;
    public const int MaxText = 4000;

    public async Task<FeedbackReceipt> SubmitAsync(FeedbackSubmission submission, FeedbackSource source, CancellationToken cancellationToken = default)
    {
        if (!FeedbackWorkflow.Channels.Contains(source.Channel))
        {
            throw RuntimeException.Invalid("channel", $"one of {string.Join(", ", FeedbackWorkflow.Channels)}");
        }
        var subject = Limited("subject", submission.Subject, MaxSubject);
        var text = Limited("text", submission.Text, MaxText);
        var contact = Contact(submission);
        if (source.PartnerItemId is { } itemId
            && await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.PartnerId == source.PartnerId && f.PartnerItemId == itemId, cancellationToken) is { } known)
        {
            return new FeedbackReceipt(known.Id, known.Code, known.Secret, false);
        }
        var dossier = await DossierAsync(submission, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var duplicateKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.Channel}\n{source.Sender}\n{subject}\n{text}".ToLowerInvariant())));
        var since = now.AddMinutes(-options.DuplicateWindowMinutes);
        if (source.PartnerItemId is null
            && await db.Feedback.Where(f => f.DuplicateKey == duplicateKey && f.ReceivedAt >= since).OrderBy(f => f.ReceivedAt).FirstOrDefaultAsync(cancellationToken) is { } first)
        {
            first.Repeats++;
            await db.SaveChangesAsync(cancellationToken);
            return new FeedbackReceipt(first.Id, first.Code, first.Secret, false);
        }
        var receivedOn = clock.LocalDate(now);
        for (var attempt = 1; ; attempt++)
        {
            var sequence = await new DossierSequences(db).NextAsync($"PA-{receivedOn:yyMMdd}", cancellationToken);
            var item = new FeedbackRecord
            {
                Id = Guid.NewGuid(), Code = $"PA-{receivedOn:yyMMdd}-{sequence:D4}", Secret = LookupKeys.New(), CaseId = Guid.NewGuid(), Channel = source.Channel,
                PartnerId = source.PartnerId, PartnerItemId = source.PartnerItemId, Subject = subject, Text = text, ContactName = contact.Name,
                ContactEmail = contact.Email, ContactPhone = contact.Phone, CitizenAccountId = source.CitizenAccountId, DossierId = dossier?.Id,
                DossierCode = dossier?.Code, AgencyCode = dossier?.AgencyCode, Category = dossier is null ? null : "dossier", Status = FeedbackStatus.Received,
                ReceivedAt = now, ReceivedBy = source.RecordedBy, DuplicateKey = duplicateKey,
            };
            db.Feedback.Add(item);
            try
            {
                await cases.StartCaseAsync(FeedbackWorkflow.Key, new Dictionary<string, JsonElement>
                {
                    ["feedbackCode"] = JsonSerializer.SerializeToElement(item.Code),
                }, source.RecordedBy, cancellationToken: cancellationToken, origin: new CaseOrigin(new CaseId(item.CaseId.Value), item.Code));
                return new FeedbackReceipt(item.Id, item.Code, item.Secret, true);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) && source.PartnerItemId is not null && attempt < 3)
            {
                // The same partner item posted twice at once: the other request made it; answer with it.
                db.ChangeTracker.Clear();
                var made = await db.Feedback.AsNoTracking().SingleAsync(f => f.PartnerId == source.PartnerId && f.PartnerItemId == source.PartnerItemId, cancellationToken);
                return new FeedbackReceipt(made.Id, made.Code, made.Secret, false);
            }
            catch (RuntimeException ex) when (ex.Code == "case-changed" && attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string Limited(string field, string? given, int max)
    {
        var plain = PlainText.Of(given);
        if (plain.Length == 0)
        {
            throw RuntimeException.Invalid(field, "is required / không được để trống");
        }
        return plain.Length <= max ? plain : throw RuntimeException.Invalid(field, $"at most {max} characters / tối đa {max} ký tự");
    }

    private static (string? Name, string? Email, string? Phone) Contact(FeedbackSubmission submission)
    {
        var name = PlainText.Of(submission.ContactName);
        if (name.Length > 200)
        {
            throw RuntimeException.Invalid("contact.name", "at most 200 characters");
        }
        var email = submission.ContactEmail?.Trim();
        if (email is { Length: > 0 } && (email.Length > 200 || !email.Contains('@') || !MimeKit.MailboxAddress.TryParse(email, out var mailbox) || mailbox.Address != email))
        {
            throw RuntimeException.Invalid("contact.email", "not an e-mail address / thư điện tử không hợp lệ");
        }
        var phone = submission.ContactPhone?.Trim();
        if (phone is { Length: > 0 } && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.')))
        {
            throw RuntimeException.Invalid("contact.phone", "digits only / số điện thoại không hợp lệ");
        }
        return (name.Length == 0 ? null : name, email is { Length: > 0 } ? email.ToLowerInvariant() : null, phone is { Length: > 0 } ? phone : null);
    }

    /// <summary>The dossier named, only with its lookup key: the code alone proves nothing and opens nothing.</summary>
    private async Task<DossierRecord?> DossierAsync(FeedbackSubmission submission, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(submission.DossierCode) && string.IsNullOrWhiteSpace(submission.DossierKey))
        {
            return null;
        }
        var code = submission.DossierCode?.Trim() ?? "";
        var dossier = code.Length is > 0 and <= 60 ? await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken) : null;
        return dossier is not null && LookupKeys.Matches(dossier.LookupKey, submission.DossierKey)
            ? dossier
            : throw RuntimeException.Invalid("dossierCode", "no dossier has this code and lookup key / không có hồ sơ với mã và mã tra cứu này");
    }
}
