using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Messages;

/// <summary>
/// What the sender of a feedback item hears, in both languages (an anonymous sender chose none): refused with the
/// reason, asked for more, answered. Queued in the command's unit of work to the contact they left, if any.
/// </summary>
public sealed class FeedbackMessages(OneStopDbContext db, Results.ResultOptions pages, TimeProvider time)
{
    public void Refused(FeedbackRecord item) => Queue(item, "refused",
        $"Phản ánh {item.Code}: không xử lý / not taken up",
        $"Phản ánh, kiến nghị {item.Code} không được xử lý vì: {item.RefusalReason}\n\nYour feedback {item.Code} is not taken up because: {item.RefusalReason}");

    public void MoreInfoRequested(FeedbackRecord item) => Queue(item, "more-info",
        $"Phản ánh {item.Code}: đề nghị bổ sung thông tin / please add information",
        $"Đề nghị bổ sung: {item.MoreInfoRequest}\nBổ sung tại {Link(item)} (cần mã bí mật đã nhận).\n\nPlease add: {item.MoreInfoRequest}\nAdd it at {Link(item)} (with the secret you received).");

    public void Answered(FeedbackRecord item) => Queue(item, "answered",
        $"Phản ánh {item.Code}: đã có trả lời / answered",
        $"Trả lời: {item.Answer}\nXem và đánh giá mức độ hài lòng tại {Link(item)}.\n\nAnswer: {item.Answer}\nRead it and rate your satisfaction at {Link(item)}.");

    private string Link(FeedbackRecord item) => $"{pages.PublicBaseUrl.TrimEnd('/')}/feedback.html?code={Uri.EscapeDataString(item.Code)}";

    private void Queue(FeedbackRecord item, string @event, string subject, string body)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = $"feedback-{@event}-{item.Code}";
        foreach (var (channel, address) in new[] { ("email", item.ContactEmail), ("sms", item.ContactPhone) })
        {
            if (string.IsNullOrWhiteSpace(address))
            {
                continue;
            }
            db.Messages.Add(new MessageRecord
            {
                Id = Guid.NewGuid(), CitizenAccountId = item.CitizenAccountId, Event = name.Length <= 40 ? name : name[..40],
                Channel = channel, Address = address, Subject = subject, Body = body.Length > 4000 ? body[..4000] : body, CreatedAt = now, Status = "pending",
                NextAttemptAt = now,
            });
        }
    }
}
