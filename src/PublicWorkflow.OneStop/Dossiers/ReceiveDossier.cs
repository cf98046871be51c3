using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.NationalData;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;
using static PublicWorkflow.OneStop.Dossiers.DossierIdempotency;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// Reception: a dossier handed in at a branch or filed online is checked for completeness, routed by the structure in
/// force on the day of receipt, given its code and appointment, and its case started, all in the case's one transaction.
/// </summary>
public sealed class ReceiveDossier(
    OneStopDbContext db,
    CaseRuntime cases,
    ProcedureCatalog catalog,
    DossierClock clock,
    DossierDeadlines deadlines,
    DossierStore store,
    DossierIdempotency once,
    INationalDatabases national,
    CitizenDataStore citizenData,
    ApplicantMessages messages,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A dossier handed in at a branch (or by post): checked, and if complete accepted and started at once. A repeat with
    /// the same <paramref name="idempotencyKey"/> (a client retrying after a lost answer) gets the dossier the first made.
    /// </summary>
    public async Task<ReceptionOutcome> ReceiveAsync(ReceptionRequest request, string clerk, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var key = CommandKey.Of(idempotencyKey, $"receive\n{clerk}", request);
        return await once.OnceAsync(key, ReceptionOfAsync, async () =>
        {
            var procedure = Procedure(request.ProcedureCode);
            var now = time.GetUtcNow();
            var receivedAt = ReceiptTime(request, now);
            var (point, route) = Validate(request, procedure, receivedAt);
            request = await NotAskedAgainAsync(request, procedure, now, cancellationToken);
            var missing = Reception.Missing(procedure, request.Documents);
            DossierRecord Received()
            {
                var dossier = once.Remember(key, NewDossier(request, clerk, receivedAt));
                dossier.ReceiptEnteredAt = receivedAt == now ? null : now.UtcDateTime;
                return dossier;
            }
            if (OutOfScope(point, route, procedure) is { } refusal)
            {
                return await NotAcceptedAsync(Received(), [refusal], cancellationToken);
            }
            return missing.Count > 0
                ? await GuidedAsync(Received(), missing, cancellationToken)
                : await AcceptAsync(Received, request, procedure, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// The clerk refuses to receive a dossier the center cannot take (not eligible, not a procedure of this unit…) with
    /// the reasons (form 03): it is registered as not accepted, with no code and no case. Idempotent like reception.
    /// </summary>
    public async Task<ReceptionOutcome> RefuseToReceiveAsync(ReceptionRequest request, IReadOnlyList<string> reasons, string clerk, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var given = (reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList();
        if (given.Count == 0)
        {
            throw RuntimeException.Invalid("reasons", "a refusal to receive states its reasons / phiếu từ chối tiếp nhận phải nêu rõ lý do");
        }
        if (given.Count > 10 || given.Any(r => r.Length > 300))
        {
            throw RuntimeException.Invalid("reasons", "at most 10 reasons of at most 300 characters");
        }
        var key = CommandKey.Of(idempotencyKey, $"refuse\n{clerk}\n{string.Join("\n", given)}", request);
        return await once.OnceAsync(key, ReceptionOfAsync, async () =>
        {
            var procedure = Procedure(request.ProcedureCode);
            var now = time.GetUtcNow();
            var receivedAt = ReceiptTime(request, now);
            ValidateFields(request, procedure, receivedAt);
            var dossier = once.Remember(key, NewDossier(request, clerk, receivedAt));
            dossier.ReceiptEnteredAt = receivedAt == now ? null : now.UtcDateTime;
            return await NotAcceptedAsync(dossier, given, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Why a point may not receive a procedure: a commune-level center receives the procedures resolved at commune
    /// level; the procedures of the city's departments and agencies are received at the center's headquarters and branches.
    /// </summary>
    private static string? OutOfScope(Branch point, Route route, Procedure procedure)
    {
        if (point.Receives(route.Level))
        {
            return null;
        }
        return $"{point.Name.Vi} không tiếp nhận thủ tục {procedure.Code} ({procedure.Name.Vi}) thuộc thẩm quyền cấp {route.Level}: đề nghị nộp tại Trung tâm Phục vụ hành chính công thành phố hoặc các chi nhánh / "
            + $"{point.Name.En} does not receive procedure {procedure.Code} ({procedure.Name.En}), resolved at {route.Level} level: file it at the city's center or its branches";
    }

    /// <summary>How far back a clerk may date a paper dossier received earlier: the working days a handover may take.</summary>
    public const int MaxBackdatedWorkingDays = 3;

    /// <summary>
    /// The moment of receipt: now, or the moment a clerk enters for a paper dossier received earlier (not in the future,
    /// at most <see cref="MaxBackdatedWorkingDays"/> working days back). The entry time is kept beside it on the dossier.
    /// </summary>
    private DateTimeOffset ReceiptTime(ReceptionRequest request, DateTimeOffset now)
    {
        if (request.ReceivedAt is not { } entered)
        {
            return now;
        }
        if (request.Channel == DossierChannel.Online)
        {
            throw RuntimeException.Invalid("receivedAt", "an online filing is received when it arrives: only a paper dossier (counter, post) is dated by the clerk");
        }
        if (entered > now)
        {
            throw RuntimeException.Invalid("receivedAt", "the moment of receipt cannot be in the future / thời điểm tiếp nhận không thể ở tương lai");
        }
        if (clock.Calendar.CountWorkingDays(entered, now) > MaxBackdatedWorkingDays)
        {
            throw RuntimeException.Invalid("receivedAt",
                $"a paper dossier may be dated at most {MaxBackdatedWorkingDays} working days back / chỉ được ghi lùi tối đa {MaxBackdatedWorkingDays} ngày làm việc");
        }
        return entered;
    }

    /// <summary>A citizen's online filing: stored as submitted until a clerk reviews it with <see cref="ReviewOnlineAsync"/>; idempotent like reception.</summary>
    /// <param name="citizenAccountId">The portal account filing it, which alone reads it on the citizen's side.</param>
    public async Task<ReceptionOutcome> SubmitOnlineAsync(ReceptionRequest request, string citizen, string? idempotencyKey = null,
        CancellationToken cancellationToken = default, Guid? citizenAccountId = null)
    {
        var key = CommandKey.Of(idempotencyKey, $"submit\n{citizen}", request);
        return await once.OnceAsync(key, ReceptionOfAsync, async () =>
        {
            var procedure = Procedure(request.ProcedureCode);
            var submittedAt = ReceiptTime(request with { Channel = DossierChannel.Online }, time.GetUtcNow());
            Validate(request with { Channel = DossierChannel.Online }, procedure, submittedAt);
            var dossier = once.Remember(key, NewDossier(request with { Channel = DossierChannel.Online }, citizen, submittedAt));
            dossier.Status = DossierStatus.Submitted;
            dossier.CitizenAccountId = citizenAccountId;
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome(dossier, []);
        }, cancellationToken);
    }

    /// <summary>
    /// The clerk's review of an online filing, the filing time being the receipt time: <see cref="OnlineReview.Check"/> (and
    /// accept) runs the completeness check and accepts a complete dossier; <see cref="OnlineReview.Guide"/> lists what the
    /// clerk found wanting (an unreadable scan…) besides what the check finds; <see cref="OnlineReview.Refuse"/> refuses to
    /// receive it with the reasons (form 03). A portal filing counts a document as handed in only when a file of it is kept
    /// (or it was reused from a database or the data store).
    /// </summary>
    public async Task<ReceptionOutcome> ReviewOnlineAsync(DossierId dossierId, string clerk, CancellationToken cancellationToken = default,
        OnlineReview? review = null)
    {
        review ??= OnlineReview.Check;
        var items = (review.Items ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList();
        if (items.Count > 10 || items.Any(r => r.Length > 300))
        {
            throw RuntimeException.Invalid("items", "at most 10 items of at most 300 characters");
        }
        if (review.Decision is not (OnlineReview.Accept or OnlineReview.GuideDecision or OnlineReview.RefuseDecision))
        {
            throw RuntimeException.Invalid("decision", "accept, guide or refuse");
        }
        if (review.Decision != OnlineReview.Accept && items.Count == 0)
        {
            throw RuntimeException.Invalid("items", "guiding or refusing states what is wanting or why / cần nêu nội dung hướng dẫn hoặc lý do từ chối");
        }
        var submitted = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId.Value, cancellationToken)
            ?? throw RuntimeException.NotFound("dossier", dossierId);
        if (submitted.Status != DossierStatus.Submitted)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "dossier-not-submitted", $"dossier {dossierId} was already reviewed");
        }
        var request = new ReceptionRequest(submitted.ProcedureCode, DossierChannel.Online, submitted.BranchCode, submitted.Locality,
            JsonSerializer.Deserialize<Applicant>(submitted.ApplicantJson, Json)!, JsonSerializer.Deserialize<List<PresentedDocument>>(submitted.DocumentsJson, Json)!,
            Enum.Parse<DeliveryOption>(submitted.Delivery, ignoreCase: true));
        var procedure = Procedure(request.ProcedureCode);
        if (submitted.CitizenAccountId is not null)
        {
            var kept = await db.DossierFiles.AsNoTracking().Where(f => f.DossierId == submitted.Id && f.RetractedAt == null).Select(f => f.Component)
                .Distinct().ToListAsync(cancellationToken);
            request = request with { Documents = request.Documents.Where(d => d.Reused || kept.Contains(d.Id)).ToList() };
        }
        request = await NotAskedAgainAsync(request, procedure, time.GetUtcNow(), cancellationToken);
        var missing = Reception.Missing(procedure, request.Documents);
        if (review.Decision == OnlineReview.GuideDecision)
        {
            missing = [.. missing, .. items.Select(i => new MissingItem(null, i))];
        }
        var receivedOn = DateOnly.FromDateTime(clock.Calendar.ToLocal(new DateTimeOffset(submitted.ReceivedAt, TimeSpan.Zero)));
        var point = Point(request.BranchCode, receivedOn);
        var route = Routing.Resolve(catalog, procedure, receivedOn, request.Locality, point);
        DossierRecord Reviewed()
        {
            // Attached as stored, so every field the review sets is written; a retry starts again from the stored copy.
            var dossier = submitted.Copy();
            db.Dossiers.Attach(dossier);
            dossier.ReceivedBy = clerk;
            dossier.DocumentsJson = JsonSerializer.Serialize(request.Documents, Json);
            dossier.DocumentsReused = CountReused(request.Documents);
            return dossier;
        }
        if (review.Decision == OnlineReview.RefuseDecision)
        {
            return await NotAcceptedAsync(Reviewed(), items, cancellationToken);
        }
        if (OutOfScope(point, route, procedure) is { } refusal)
        {
            return await NotAcceptedAsync(Reviewed(), [refusal], cancellationToken);
        }
        return missing.Count > 0
            ? await GuidedAsync(Reviewed(), missing, cancellationToken)
            : await AcceptAsync(Reviewed, request, procedure, cancellationToken);
    }

    /// <summary>
    /// "Ask only once": a document taken from a national database is fetched now (its reference kept; the simulated
    /// database's records are marked as such), and a file offered from the applicant's data store must really be one
    /// of the offers for this procedure and this person. Either way the citizen is not asked for it.
    /// </summary>
    private async Task<ReceptionRequest> NotAskedAgainAsync(ReceptionRequest request, Procedure procedure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!request.Documents.Any(d => d.Reused))
        {
            return request;
        }
        var idNumber = request.Applicant.IdNumber;
        if (!CitizenDataStore.IsIdNumber(idNumber))
        {
            throw RuntimeException.Invalid("applicant.idNumber",
                "the applicant's personal ID number (12 digits) is needed to take documents from a database or their data store / cần số định danh cá nhân");
        }
        var offers = request.Documents.Any(d => d.ReusedFileId is not null) ? await citizenData.OffersAsync(idNumber!, procedure, now, cancellationToken) : [];
        var documents = new List<PresentedDocument>();
        for (var i = 0; i < request.Documents.Count; i++)
        {
            var presented = request.Documents[i];
            if (presented.ReusedFileId is { } fileId && !offers.Any(o => o.Component == presented.Id && o.FileId == fileId))
            {
                throw RuntimeException.Invalid($"documents[{i}].reusedFileId", $"file {fileId} is not in this applicant's data store for '{presented.Id}' (or is no longer valid)");
            }
            if (presented.FromNationalDatabase && procedure.Documents.FirstOrDefault(d => d.Id == presented.Id)?.FetchableFrom is { } database)
            {
                var record = await national.FetchAsync(database, presented.Id, idNumber!, cancellationToken)
                    ?? throw RuntimeException.Invalid($"documents[{i}].fromNationalDatabase", $"'{database}' holds no '{presented.Id}' for this applicant: ask for the paper / CSDL không có dữ liệu");
                presented = presented with { NationalReference = record.Reference, NationalReferenceIsFake = record.IsFake };
            }
            documents.Add(presented);
        }
        return request with { Documents = documents };
    }

    private Procedure Procedure(string code) =>
        catalog.Find(code) ?? throw RuntimeException.Invalid("procedureCode", $"no procedure '{code}' in the catalog");

    /// <summary>Every field, then the route: a routing error (no such ward on that day…) surfaces before anything is stored.</summary>
    private (Branch Point, Route Route) Validate(ReceptionRequest request, Procedure procedure, DateTimeOffset receivedAt)
    {
        var point = ValidateFields(request, procedure, receivedAt);
        var receivedOn = DateOnly.FromDateTime(clock.Calendar.ToLocal(receivedAt));
        return (point, Routing.Resolve(catalog, procedure, receivedOn, request.Locality, point));
    }

    private Branch ValidateFields(ReceptionRequest request, Procedure procedure, DateTimeOffset receivedAt)
    {
        var receivedOn = DateOnly.FromDateTime(clock.Calendar.ToLocal(receivedAt));
        if (string.IsNullOrWhiteSpace(request.Applicant?.FullName))
        {
            throw RuntimeException.Invalid("applicant.fullName", "the applicant's full name is required");
        }
        foreach (var (field, value, max) in new[]
                 {
                     ("applicant.fullName", request.Applicant.FullName, 200), ("applicant.idNumber", request.Applicant.IdNumber, 20),
                     ("applicant.phone", request.Applicant.Phone, 20), ("applicant.email", request.Applicant.Email, 200),
                     ("applicant.address", request.Applicant.Address, 500), ("locality", request.Locality, 60), ("branchCode", request.BranchCode, 40),
                 })
        {
            if (value?.Length > max)
            {
                throw RuntimeException.Invalid(field, $"at most {max} characters");
            }
        }
        if (request.Applicant.NotifyBy?.FirstOrDefault(c => c is not ("email" or "sms")) is { } channel)
        {
            throw RuntimeException.Invalid("applicant.notifyBy", $"'{channel}' is not a channel: email or sms");
        }
        if (request.Applicant.Language is not (null or "vi" or "en"))
        {
            throw RuntimeException.Invalid("applicant.language", "vi or en");
        }
        if (request.Applicant.Email is { Length: > 0 } email && !MimeKit.MailboxAddress.TryParse(email, out _))
        {
            throw RuntimeException.Invalid("applicant.email", "not an e-mail address / thư điện tử không hợp lệ");
        }
        if (request.Applicant.Phone is { Length: > 0 } phone && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.'))
        {
            throw RuntimeException.Invalid("applicant.phone", "digits only / số điện thoại không hợp lệ");
        }
        if (request.Documents?.Count > 200)
        {
            throw RuntimeException.Invalid("documents", "at most 200 documents");
        }
        if (request.BranchCode is null)
        {
            throw RuntimeException.Invalid("branchCode", "every dossier, of every channel, names the branch that receives it and takes its branch steps");
        }
        var point = Point(request.BranchCode, receivedOn);
        if (!procedure.Delivery.Contains(request.Delivery))
        {
            throw RuntimeException.Invalid("delivery", $"procedure {procedure.Code} returns results by {string.Join(", ", procedure.Delivery).ToLowerInvariant()} only");
        }
        if (request.Copies is < 1 or > 1000)
        {
            throw RuntimeException.Invalid("copies", "copies must be 1 to 1000");
        }
        if (request.Documents is null)
        {
            throw RuntimeException.Invalid("documents", "the documents handed in are required (an empty list if none)");
        }
        return point;
    }

    private Branch Point(string? code, DateOnly on) =>
        (code is null ? null : catalog.Structure.Branch(code, on))
        ?? throw RuntimeException.Invalid("branchCode", $"no service point '{code}' is open on {on:yyyy-MM-dd}");

    private DossierRecord NewDossier(ReceptionRequest request, string receivedBy, DateTimeOffset receivedAt) => new()
    {
        Id = Guid.NewGuid(),
        ProcedureCode = request.ProcedureCode,
        Channel = request.Channel,
        BranchCode = request.BranchCode,
        Locality = request.Locality,
        ReceivedAt = receivedAt.UtcDateTime,
        ReceivedBy = receivedBy,
        ApplicantJson = JsonSerializer.Serialize(request.Applicant, Json),
        ApplicantIdNumber = CitizenDataStore.IsIdNumber(request.Applicant.IdNumber) ? request.Applicant.IdNumber : null,
        DocumentsJson = JsonSerializer.Serialize(request.Documents, Json),
        DocumentsReused = CountReused(request.Documents),
        Delivery = request.Delivery.ToString().ToLowerInvariant(),
        FeeAmount = FeeCalculator.Compute(Procedure(request.ProcedureCode).Fee, request.Channel, request.Copies, request.Documents),
    };

    private static int CountReused(IEnumerable<PresentedDocument> documents) => documents.Count(d => d.Reused);

    /// <summary>Incomplete: everything missing is listed at once (form 02) and the dossier is not registered.</summary>
    private async Task<ReceptionOutcome> GuidedAsync(DossierRecord dossier, IReadOnlyList<MissingItem> missing, CancellationToken cancellationToken)
    {
        dossier.Status = DossierStatus.Guided;
        dossier.MissingJson = JsonSerializer.Serialize(missing.Select(m => m.Text), Json);
        dossier.MissingDocumentsJson = JsonSerializer.Serialize(missing.Select(m => m.DocumentId).OfType<string>().Distinct(), Json);
        dossier.SupplementRequestedAt = time.GetUtcNow().UtcDateTime;
        await StoreUnregisteredAsync(dossier, cancellationToken);
        return Outcome(dossier, missing.Select(m => m.Text).ToList());
    }

    /// <summary>Refused at reception with the reasons (form 03): status 3, no code, no case.</summary>
    private async Task<ReceptionOutcome> NotAcceptedAsync(DossierRecord dossier, IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        dossier.Status = DossierStatus.NotAccepted;
        dossier.RefusalReasons = JsonSerializer.Serialize(reasons);
        await StoreUnregisteredAsync(dossier, cancellationToken);
        return Outcome(dossier, []);
    }

    private async Task StoreUnregisteredAsync(DossierRecord dossier, CancellationToken cancellationToken)
    {
        if (db.Entry(dossier).State == EntityState.Detached)
        {
            db.Dossiers.Add(dossier);
        }
        dossier.Revision++;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the dossier its code (drawn atomically from the agency's day sequence) and appointment and starts its case
    /// in the case's one transaction; a conflict with a concurrent command is retried.
    /// </summary>
    private async Task<ReceptionOutcome> AcceptAsync(Func<DossierRecord> makeDossier, ReceptionRequest request, Procedure procedure, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var dossier = makeDossier();
            var received = new DateTimeOffset(dossier.ReceivedAt, TimeSpan.Zero);
            var receivedOn = DateOnly.FromDateTime(clock.Calendar.ToLocal(received));
            var route = Routing.Resolve(catalog, procedure, receivedOn, request.Locality, catalog.Structure.Branch(request.BranchCode!, receivedOn));
            var (limit, appointment) = clock.AppointmentFor(procedure, received);
            var sequence = await new DossierSequences(db).NextAsync(DossierCodes.Prefix(route.Agency.DossierPrefix, receivedOn), cancellationToken);

            dossier.Code = DossierCodes.Format(route.Agency.DossierPrefix, receivedOn, sequence);
            dossier.LookupKey = LookupKeys.New();
            dossier.CaseId = Guid.NewGuid();
            dossier.AgencyCode = route.Agency.Code;
            dossier.Level = route.Level;
            dossier.TimeLimit = DossierClock.Format(limit.Limit);
            dossier.AppointmentAt = dossier.OriginalAppointmentAt = appointment.UtcDateTime;
            dossier.Status = DossierStatus.Accepted;
            dossier.DocumentsRequired = procedure.Documents.Count(d => d.Required);
            dossier.MissingJson = null;
            dossier.MissingDocumentsJson = null;
            if (db.Entry(dossier).State == EntityState.Detached)
            {
                db.Dossiers.Add(dossier);
            }
            await RecordReusedFilesAsync(dossier, request.Documents, procedure, cancellationToken);
            messages.Received(dossier);
            deadlines.ScheduleDossier(dossier, received, received);
            var variables = new Dictionary<string, JsonElement>
            {
                ["procedureCode"] = JsonSerializer.SerializeToElement(procedure.Code),
                ["dossierCode"] = JsonSerializer.SerializeToElement(dossier.Code),
                ["financialObligation"] = JsonSerializer.SerializeToElement(procedure.FinancialObligationsPauseClock),
            };
            try
            {
                var started = await cases.StartCaseAsync(procedure.Workflow, variables, dossier.ReceivedBy, cancellationToken: cancellationToken,
                    origin: new CaseOrigin(new CaseId(dossier.CaseId.Value), dossier.Code));
                return Outcome(dossier, [], started.OpenedTasks);
            }
            catch (RuntimeException ex) when (ex.Code == "case-changed" && attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The files reused from the data store join the new dossier's components (the same kept contents, no copy).</summary>
    private async Task RecordReusedFilesAsync(DossierRecord dossier, IReadOnlyList<PresentedDocument> documents, Procedure procedure, CancellationToken cancellationToken)
    {
        var added = new List<DossierFileRecord>();
        foreach (var presented in documents.Where(d => d.ReusedFileId is not null))
        {
            var original = await citizenData.FileAsync(presented.ReusedFileId!.Value, cancellationToken) ?? throw RuntimeException.NotFound("file", presented.ReusedFileId);
            var file = new DossierFileRecord
            {
                Id = Guid.NewGuid(), DossierId = dossier.Id, Component = presented.Id, FileName = original.FileName, ContentType = original.ContentType,
                Size = original.Size, Sha256 = original.Sha256, Pages = original.Pages, Source = "reused", ReusedFrom = original.Id, AddedBy = dossier.ReceivedBy,
                AddedAt = time.GetUtcNow().UtcDateTime,
            };
            db.DossierFiles.Add(file);
            db.FileAccess.Add(new FileAccessRecord { FileId = file.Id, DossierId = dossier.Id, At = file.AddedAt, Actor = file.AddedBy, Action = "reused" });
            added.Add(file);
        }
        dossier.Digitized = DossierFiles.Missing(procedure, dossier, added).Count == 0;
    }

    private static ReceptionOutcome Outcome(DossierRecord dossier, IReadOnlyList<string> missing, IReadOnlyList<TaskId>? openedTasks = null) =>
        new(new DossierId(dossier.Id), dossier.Code, dossier.Status, dossier.AppointmentAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, missing, dossier.FeeAmount,
            openedTasks ?? [], dossier.LookupKey,
            dossier.Status == DossierStatus.NotAccepted && dossier.RefusalReasons is { } reasons ? JsonSerializer.Deserialize<List<string>>(reasons) : null);

    /// <summary>What reception answered, rebuilt from the stored dossier for a repeated request.</summary>
    private async Task<ReceptionOutcome> ReceptionOfAsync(Guid dossierId)
    {
        var dossier = await store.DossierAsync(new DossierId(dossierId));
        var open = await db.Tasks.AsNoTracking().Where(t => t.CaseId == dossier.CaseId && (t.State == TaskState.Open || t.State == TaskState.Claimed))
            .OrderBy(t => t.CreatedAt).Select(t => new TaskId(t.Id)).ToListAsync();
        var missing = dossier.MissingJson is null || dossier.Status != DossierStatus.Guided ? [] : JsonSerializer.Deserialize<List<string>>(dossier.MissingJson, Json)!;
        return Outcome(dossier, missing, open);
    }
}
