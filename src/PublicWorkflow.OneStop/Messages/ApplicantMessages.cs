using System.Globalization;
using System.Text.Json;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Results;

namespace PublicWorkflow.OneStop.Messages;

/// <summary>
/// The messages an applicant gets at each step — reception, a supplement request, an apology with a new date, the
/// result — rendered from templates in their language (vi or en) and queued, in the command's own unit of work, once
/// per channel they chose and gave an address for. A message holds no lookup key and no one else's data.
/// </summary>
public sealed class ApplicantMessages(OneStopDbContext db, ProcedureCatalog catalog, DossierClock clock, ResultOptions pages, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Received(DossierRecord dossier) => Queue(dossier, "reception", vi =>
        vi ? ($"Hồ sơ {dossier.Code} đã được tiếp nhận", $"Thủ tục: {Procedure(dossier, vi)}. Ngày hẹn trả kết quả: {Time(dossier.AppointmentAt, vi)}. Tra cứu: {Track(dossier)} (mã tra cứu in trên giấy hẹn).")
           : ($"Dossier {dossier.Code} received", $"Procedure: {Procedure(dossier, vi)}. Appointment: {Time(dossier.AppointmentAt, vi)}. Track it at {Track(dossier)} (lookup key on your receipt)."));

    public void SupplementRequested(DossierRecord dossier) => Queue(dossier, $"supplement-{dossier.SupplementRequests}", vi =>
    {
        var procedure = catalog.Find(dossier.ProcedureCode);
        var ids = dossier.MissingDocumentsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(dossier.MissingDocumentsJson) ?? [];
        var names = ids.Select(id => procedure?.Documents.FirstOrDefault(d => d.Id == id)?.Name.In(vi ? "vi" : "en")).OfType<string>().ToList();
        var others = (dossier.MissingJson is null ? 0 : JsonSerializer.Deserialize<List<string>>(dossier.MissingJson)?.Count ?? 0) - names.Count;
        var list = string.Join("; ", names) + (others > 0 ? (vi ? $" và {others} nội dung khác ghi trên phiếu" : $" and {others} further items on the paper") : "");
        return vi ? ($"Hồ sơ {dossier.Code}: đề nghị bổ sung", $"Cơ quan giải quyết đề nghị bổ sung: {list}. Thời gian bổ sung không tính vào thời hạn giải quyết.")
                  : ($"Dossier {dossier.Code}: please supplement", $"The agency asks for: {list}. The time you take does not count against the time limit.");
    });

    public void Apologized(DossierRecord dossier) => Queue(dossier, "apology", vi =>
        vi ? ($"Hồ sơ {dossier.Code}: xin lỗi và hẹn lại", $"Cơ quan giải quyết xin lỗi vì hồ sơ không kịp hẹn ({dossier.ApologyReason}). Ngày hẹn mới: {Time(dossier.AppointmentAt, vi)}.")
           : ($"Dossier {dossier.Code}: apology and a new date", $"The agency apologises for the delay ({dossier.ApologyReason}). New appointment: {Time(dossier.AppointmentAt, vi)}."));

    public void ResultIssued(DossierRecord dossier, string number) => Queue(dossier, "result", vi =>
    {
        var verify = pages.VerificationUrl(number);
        return vi ? ($"Hồ sơ {dossier.Code}: đã có kết quả", $"Kết quả số {number} đã được ký số. Kiểm tra tính xác thực: {verify}. Nhận kết quả theo hình thức đã đăng ký.")
                  : ($"Dossier {dossier.Code}: the result is ready", $"Result {number} has been signed. Verify it at {verify}. Collect it as you chose.");
    });

    /// <summary>The result is in the applicant's hands: the satisfaction survey is offered, on the tracking page with their lookup key.</summary>
    public void SurveyOffered(DossierRecord dossier) => Queue(dossier, "survey", vi =>
        vi ? ($"Hồ sơ {dossier.Code}: mời đánh giá sự hài lòng", $"Kết quả đã được trả. Mời ông/bà trả lời khảo sát về sự hài lòng tại {Track(dossier)} (mã tra cứu in trên giấy hẹn).")
           : ($"Dossier {dossier.Code}: how satisfied are you?", $"The result has been returned. Please answer the satisfaction survey at {Track(dossier)} (lookup key on your receipt)."));

    /// <summary>What was sent to a dossier's applicant, and whether it arrived at the gateway, newest first.</summary>
    public Task<List<MessageRecord>> OfDossierAsync(DossierId dossierId, CancellationToken cancellationToken = default) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Messages.Where(m => m.DossierId == dossierId.Value).OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Channel), cancellationToken);

    private void Queue(DossierRecord dossier, string @event, Func<bool, (string Subject, string Body)> render)
    {
        var applicant = JsonSerializer.Deserialize<Applicant>(dossier.ApplicantJson, Json);
        if (applicant is null)
        {
            return;
        }
        var (subject, body) = render(applicant.Language != "en");
        foreach (var (channel, address) in new[] { ("email", applicant.Email), ("sms", applicant.Phone) })
        {
            var chosen = applicant.NotifyBy is null || applicant.NotifyBy.Contains(channel);
            if (!chosen || string.IsNullOrWhiteSpace(address)
                || db.Messages.Local.Any(m => m.DossierId == dossier.Id && m.Event == @event && m.Channel == channel))
            {
                continue;
            }
            var now = time.GetUtcNow().UtcDateTime;
            db.Messages.Add(new MessageRecord
            {
                Id = Guid.NewGuid(), DossierId = dossier.Id, Event = @event, Channel = channel, Address = address.Trim(), Subject = subject,
                Body = body.Length > 4000 ? body[..4000] : body, CreatedAt = now, Status = "pending", NextAttemptAt = now,
            });
        }
    }

    private string Procedure(DossierRecord dossier, bool vi) => catalog.Find(dossier.ProcedureCode)?.Name.In(vi ? "vi" : "en") ?? dossier.ProcedureCode;

    private Uri Track(DossierRecord dossier) => pages.TrackingUrl(dossier.Code ?? "");

    private string Time(DateTime? utc, bool vi) =>
        utc is { } at
            ? clock.Calendar.ToLocal(new DateTimeOffset(at, TimeSpan.Zero)).ToString(vi ? "HH:mm 'ngày' dd/MM/yyyy" : "HH:mm, dd/MM/yyyy", CultureInfo.InvariantCulture)
            : "—";
}
