using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Messages;

/// <summary>
/// Messages about a citizen's account itself — the code that verifies the contact or resets the password, and the notice
/// that someone tried to sign up with an address that already has an account — queued in the outbox like an applicant's.
/// </summary>
public sealed class AccountMessages(OneStopDbContext db, TimeProvider time)
{
    public void Code(CitizenAccountRecord account, string channel, string address, string purpose, string code)
    {
        var vi = account.Language != "en";
        var minutes = (int)Citizens.CitizenCodes.Lifetime.TotalMinutes;
        var (subject, body) = (purpose, vi) switch
        {
            ("verify", true) => ("Mã xác minh tài khoản dịch vụ công", $"Mã xác minh của bạn: {code}. Mã có hiệu lực {minutes} phút. Không cung cấp mã này cho bất kỳ ai."),
            ("verify", false) => ("Your public-service account code", $"Your verification code: {code}. It is valid for {minutes} minutes. Never give it to anyone."),
            (_, true) => ("Mã đặt lại mật khẩu", $"Mã đặt lại mật khẩu: {code}. Mã có hiệu lực {minutes} phút. Nếu bạn không yêu cầu, hãy bỏ qua tin này."),
            (_, false) => ("Your password reset code", $"Your password reset code: {code}. It is valid for {minutes} minutes. If you did not ask for it, ignore this message."),
        };
        Queue(account, $"{purpose}-{Guid.NewGuid():N}", channel, address, subject, body);
    }

    /// <summary>Sign-up with an address that has an account: the owner is told, the one who typed it learns nothing.</summary>
    public void AlreadyRegistered(CitizenAccountRecord account, string channel, string address)
    {
        var vi = account.Language != "en";
        Queue(account, $"exists-{Guid.NewGuid():N}", channel, address,
            vi ? "Địa chỉ này đã có tài khoản" : "This address already has an account",
            vi ? "Có người vừa đăng ký tài khoản dịch vụ công bằng địa chỉ này, nhưng địa chỉ đã có tài khoản. Nếu quên mật khẩu, hãy dùng chức năng đặt lại mật khẩu."
               : "Someone just tried to sign up for public services with this address, which already has an account. If you forgot your password, reset it.");
    }

    private void Queue(CitizenAccountRecord account, string @event, string channel, string address, string subject, string body)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Messages.Add(new MessageRecord
        {
            Id = Guid.NewGuid(), CitizenAccountId = account.Id, Event = @event[..Math.Min(@event.Length, 40)], Channel = channel, Address = address, Subject = subject,
            Body = body, CreatedAt = now, Status = "pending", NextAttemptAt = now,
        });
    }
}
