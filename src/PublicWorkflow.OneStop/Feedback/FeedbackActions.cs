using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>
/// What the sender of an item may do with its code and secret (a wrong secret is "not found", as an unknown code): read
/// it, add the information the hub asked for (the case goes on), attach a file, rate the answer once.
/// </summary>
public sealed class FeedbackActions(OneStopDbContext db, CaseRuntime cases, IBlobStore blobs, DocumentOptions documents, TimeProvider time)
{
    /// <summary>An attachment: one file, at most 10 MB, checked like a dossier's.</summary>
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    public async Task<FeedbackRecord> FindAsync(string code, string? secret, CancellationToken cancellationToken = default)
    {
        var item = code.Length <= 30 ? await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, cancellationToken) : null;
        return item is not null && LookupKeys.Matches(item.Secret, secret) ? item : throw RuntimeException.NotFound("feedback", code);
    }

    public async Task<FeedbackRecord> AddInformationAsync(string code, string? secret, string? text, CancellationToken cancellationToken = default)
    {
        var item = await FindAsync(code, secret, cancellationToken);
        if (item.Status != FeedbackStatus.MoreInfo)
        {
            throw RuntimeException.Rejected("no-more-info-requested", "the hub has not asked for more information / Trung tâm chưa đề nghị bổ sung");
        }
        var added = PlainText.Of(text);
        if (added.Length == 0 || item.Text.Length + added.Length + 2 > FeedbackIntake.MaxText)
        {
            throw RuntimeException.Invalid("text", $"the information added is required, and the whole text at most {FeedbackIntake.MaxText} characters");
        }
        var tracked = await db.Feedback.SingleAsync(f => f.Id == item.Id, cancellationToken);
        tracked.Text = $"{item.Text}\n\n{added}";
        // Written with the case's command: the message moves the case back to classification, the hook the item.
        await cases.DeliverMessageAsync(new CaseId(item.CaseId!.Value), FeedbackWorkflow.MoreInfoMessage, new Dictionary<string, JsonElement>(), "submitter",
            cancellationToken: cancellationToken);
        return await FindAsync(code, secret, cancellationToken);
    }

    public async Task<FeedbackRecord> AttachAsync(string code, string? secret, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var item = await FindAsync(code, secret, cancellationToken);
        if (item.AttachmentSha256 is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-attached", "one file per item / mỗi phản ánh đính kèm một tệp");
        }
        if (FileNames.HoldsPath(fileName))
        {
            throw RuntimeException.Invalid("file", "the file name holds a path / tên tệp không được chứa đường dẫn");
        }
        var staged = await FileStaging.StageAsync(documents, content, MaxAttachmentBytes, cancellationToken);
        try
        {
            await blobs.PutAsync(staged.Sha256, staged.Path, cancellationToken);
        }
        finally
        {
            File.Delete(staged.Path);
        }
        var updated = await db.Feedback.Where(f => f.Id == item.Id && f.AttachmentSha256 == null).ExecuteUpdateAsync(f => f
            .SetProperty(x => x.AttachmentSha256, staged.Sha256)
            .SetProperty(x => x.AttachmentName, FileNames.Sanitize(fileName, staged.Kind))
            .SetProperty(x => x.AttachmentType, FileKinds.ContentType(staged.Kind)), cancellationToken);
        return updated == 1 ? await FindAsync(code, secret, cancellationToken)
            : throw new RuntimeException(RuntimeErrorKind.Conflict, "already-attached", "one file per item / mỗi phản ánh đính kèm một tệp");
    }

    /// <summary>The attachment's contents for staff who may see the item.</summary>
    public async Task<(FeedbackRecord Item, Stream Content)> AttachmentAsync(FeedbackRecord item, CancellationToken cancellationToken = default) =>
        item.AttachmentSha256 is { } sha256 && await blobs.OpenAsync(sha256, cancellationToken) is { } content
            ? (item, content)
            : throw RuntimeException.NotFound("attachment", item.Code);

    /// <summary>The sender's satisfaction with the answer, 1 to 5, once it is published.</summary>
    public async Task<FeedbackRecord> RateAsync(string code, string? secret, int rating, CancellationToken cancellationToken = default)
    {
        if (rating is < 1 or > 5)
        {
            throw RuntimeException.Invalid("rating", "1 (very dissatisfied) to 5 (very satisfied)");
        }
        var item = await FindAsync(code, secret, cancellationToken);
        if (item.Status != FeedbackStatus.Published)
        {
            throw RuntimeException.Rejected("not-answered", "the answer can be rated once it is published / chỉ đánh giá khi đã có trả lời");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var rated = await db.Feedback.Where(f => f.Id == item.Id && f.Satisfaction == null)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Satisfaction, rating).SetProperty(x => x.SatisfactionAt, now), cancellationToken);
        return rated == 1 ? await FindAsync(code, secret, cancellationToken)
            : throw new RuntimeException(RuntimeErrorKind.Conflict, "already-rated", $"{code} has already been rated / đã đánh giá");
    }
}
