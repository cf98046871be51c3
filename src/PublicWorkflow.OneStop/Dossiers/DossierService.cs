using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The one-stop dossier lifecycle around the case runtime: reception (complete or not), routing by the structure in
/// force on the day of receipt, supplements, fees, withdrawal and stopping, the apology for lateness, the rating.
/// Steps of the workflow itself are completed through <see cref="CaseRuntime"/>; the dossier follows through its hook.
/// </summary>
public sealed class DossierService(
    OneStopDbContext db,
    CaseRuntime cases,
    DefinitionStore definitions,
    ProcedureCatalog catalog,
    DossierClock clock,
    DossierDeadlines deadlines,
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
        return await OnceAsync(key, ReceptionOfAsync, async () =>
        {
            var procedure = Procedure(request.ProcedureCode);
            var receivedAt = time.GetUtcNow();
            Validate(request, procedure, receivedAt);
            var missing = Reception.Missing(procedure, request.Documents);
            DossierRecord Received() => Remember(key, NewDossier(request, clerk, receivedAt));
            return missing.Count > 0
                ? await NotAcceptedAsync(Received(), missing, cancellationToken)
                : await AcceptAsync(Received, request, procedure, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A citizen's online filing: stored as submitted until a clerk reviews it with <see cref="ReviewOnlineAsync"/>; idempotent like reception.</summary>
    public async Task<ReceptionOutcome> SubmitOnlineAsync(ReceptionRequest request, string citizen, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var key = CommandKey.Of(idempotencyKey, $"submit\n{citizen}", request);
        return await OnceAsync(key, ReceptionOfAsync, async () =>
        {
            var procedure = Procedure(request.ProcedureCode);
            var submittedAt = time.GetUtcNow();
            Validate(request with { Channel = DossierChannel.Online }, procedure, submittedAt);
            var dossier = Remember(key, NewDossier(request with { Channel = DossierChannel.Online }, citizen, submittedAt));
            dossier.Status = DossierStatus.Submitted;
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome(dossier, []);
        }, cancellationToken);
    }

    /// <summary>The clerk's review of an online filing: the same completeness check; the filing time is the receipt time.</summary>
    public async Task<ReceptionOutcome> ReviewOnlineAsync(Guid dossierId, string clerk, CancellationToken cancellationToken = default)
    {
        var submitted = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId, cancellationToken)
            ?? throw RuntimeException.NotFound("dossier", dossierId);
        if (submitted.Status != DossierStatus.Submitted)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "dossier-not-submitted", $"dossier {dossierId} was already reviewed");
        }
        var request = new ReceptionRequest(submitted.ProcedureCode, DossierChannel.Online, submitted.BranchCode, submitted.Locality,
            JsonSerializer.Deserialize<Applicant>(submitted.ApplicantJson, Json)!, JsonSerializer.Deserialize<List<PresentedDocument>>(submitted.DocumentsJson, Json)!,
            Enum.Parse<DeliveryOption>(submitted.Delivery, ignoreCase: true));
        var procedure = Procedure(request.ProcedureCode);
        var missing = Reception.Missing(procedure, request.Documents);
        DossierRecord Reviewed()
        {
            // Attached as stored, so every field the review sets is written; a retry starts again from the stored copy.
            var dossier = submitted.Copy();
            db.Dossiers.Attach(dossier);
            dossier.ReceivedBy = clerk;
            return dossier;
        }
        return missing.Count > 0
            ? await NotAcceptedAsync(Reviewed(), missing, cancellationToken)
            : await AcceptAsync(Reviewed, request, procedure, cancellationToken);
    }

    /// <summary>The applicant brings what was asked for: the case goes on from its supplement step.</summary>
    public async Task<DossierRecord> DeliverSupplementAsync(Guid dossierId, IReadOnlyList<PresentedDocument> documents, string actor, CancellationToken cancellationToken = default)
    {
        var dossier = await DossierAsync(dossierId, cancellationToken);
        if (dossier.Status != DossierStatus.SupplementRequested)
        {
            throw RuntimeException.Rejected("no-supplement-requested", $"dossier {dossier.Code} is not waiting for a supplement");
        }
        var all = JsonSerializer.Deserialize<List<PresentedDocument>>(dossier.DocumentsJson, Json)!.Concat(documents).ToList();
        var payload = new Dictionary<string, JsonElement> { ["supplementedDocuments"] = JsonSerializer.SerializeToElement(documents.Select(d => d.Id), Json) };
        await AdvanceApplicantStepAsync(dossier, "supplement", payload, actor, tracked =>
        {
            tracked.DocumentsJson = JsonSerializer.Serialize(all, Json);
            tracked.DocumentsReused = CountReused(all);
        }, cancellationToken);
        return await DossierAsync(dossierId, cancellationToken);
    }

    /// <summary>Records the payment of fees and obligations with its channel; a case waiting for it goes on.</summary>
    /// <remarks>
    /// A repeat with the same <paramref name="idempotencyKey"/> gets the dossier as it stands, not "already paid";
    /// <paramref name="authorize"/> (scope, If-Match) runs on the dossier read, and only for a first request.
    /// </remarks>
    public async Task<DossierRecord> RecordPaymentAsync(Guid dossierId, string channel, string actor, string? idempotencyKey = null,
        Action<DossierRecord>? authorize = null, CancellationToken cancellationToken = default)
    {
        if (channel is not ("online" or "counter" or "bank" or "post"))
        {
            throw RuntimeException.Invalid("channel", "the payment channel is one of online, counter, bank, post");
        }
        var key = CommandKey.Of(idempotencyKey, $"payment\n{actor}", (dossierId, channel));
        return await OnceAsync(key, id => DossierAsync(id, cancellationToken), async () =>
        {
            var dossier = await DossierAsync(dossierId, cancellationToken);
            authorize?.Invoke(dossier);
            if (dossier.FeePaidAt is not null)
            {
                throw new RuntimeException(RuntimeErrorKind.Conflict, "already-paid", $"dossier {dossier.Code} is already paid");
            }
            void Paid(DossierRecord tracked)
            {
                Remember(key, tracked);
                tracked.FeePaidAt = time.GetUtcNow().UtcDateTime;
                tracked.PaymentChannel = channel;
            }
            if (dossier.Status == DossierStatus.AwaitingFees)
            {
                await AdvanceApplicantStepAsync(dossier, "fees", new Dictionary<string, JsonElement>(), actor, Paid, cancellationToken);
            }
            else
            {
                await SaveDossierAsync(dossierId, Paid, cancellationToken);
            }
            return await DossierAsync(dossierId, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The applicant takes the dossier back: the case stops.</summary>
    public Task<DossierRecord> WithdrawAsync(Guid dossierId, string reason, string actor, CancellationToken cancellationToken = default) =>
        EndAsync(dossierId, DossierStatus.Withdrawn, reason, actor, cancellationToken);

    /// <summary>The agency stops processing (e.g. the applicant never supplemented), with the reason.</summary>
    public Task<DossierRecord> StopAsync(Guid dossierId, string reason, string actor, CancellationToken cancellationToken = default) =>
        EndAsync(dossierId, DossierStatus.Stopped, reason, actor, cancellationToken);

    /// <summary>
    /// How far an apology may move the appointment. The law sets no ceiling; this is a sanity bound so a typo (year 9990)
    /// is refused instead of being shown to the citizen as their date.
    /// </summary>
    public static readonly TimeSpan MaxApologyPostponement = TimeSpan.FromDays(366);

    /// <summary>
    /// The agency's apology for a dossier that will be late: a reason and a new appointment, at most once per dossier.
    /// The dossier is then measured against both the appointment before and the new one.
    /// </summary>
    public async Task<DossierRecord> ApologizeAsync(Guid dossierId, string reason, DateTimeOffset newAppointment, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuntimeException.Invalid("reason", "an apology states the reason for the delay / thư xin lỗi phải nêu lý do");
        }
        var dossier = await DossierAsync(dossierId, cancellationToken);
        if (dossier.ApologizedAt is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-apologized", $"dossier {dossier.Code} already has an apology with a new appointment");
        }
        if (DossierStatuses.IsResolved(dossier.Status) || DossierStatuses.IsClosed(dossier.Status) || dossier.CaseId is null)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status}: there is nothing to apologise for any more");
        }
        if (newAppointment.UtcDateTime <= dossier.AppointmentAt)
        {
            throw RuntimeException.Invalid("newAppointment", "the new appointment must be later than the current one / hẹn mới phải sau hẹn hiện tại");
        }
        var now = time.GetUtcNow();
        if (newAppointment > now + MaxApologyPostponement)
        {
            throw RuntimeException.Invalid("newAppointment",
                $"the new appointment is more than {MaxApologyPostponement.TotalDays:0} days away: an apology moves a date, it does not shelve the dossier / hẹn mới quá xa");
        }
        await SaveDossierAsync(dossierId, async tracked =>
        {
            tracked.AppointmentBeforeApology = tracked.AppointmentAt;
            tracked.AppointmentAt = newAppointment.UtcDateTime;
            tracked.ApologizedAt = now.UtcDateTime;
            tracked.ApologyReason = reason.Trim();
            await deadlines.CancelPendingAsync(tracked, null, cancellationToken);
            deadlines.ScheduleDossier(tracked, now, now);
            db.Audit.Add(new AuditRecord { CaseId = tracked.CaseId!.Value, At = now.UtcDateTime, Actor = actor, Kind = "dossier-apology", Detail = $"new appointment {newAppointment:O}: {reason}" });
        }, cancellationToken);
        return await DossierAsync(dossierId, cancellationToken);
    }

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
        return await OnceAsync(key, id => DossierAsync(id, cancellationToken), () => RateOnceAsync(dossier, key, rating, comment, cancellationToken), cancellationToken);
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
        await SaveDossierAsync(dossier.Id, tracked =>
        {
            Remember(key, tracked);
            tracked.Rating = rating;
            tracked.RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            tracked.RatedAt = time.GetUtcNow().UtcDateTime;
        }, cancellationToken);
        return await DossierAsync(dossier.Id, cancellationToken);
    }

    public async Task<DossierRecord> DossierAsync(Guid dossierId, CancellationToken cancellationToken = default) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId, cancellationToken) ?? throw RuntimeException.NotFound("dossier", dossierId);

    public async Task<DossierRecord> ByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken) ?? throw RuntimeException.NotFound("dossier", code);

    /// <summary>
    /// What the public side shows of a dossier, with its current step, in one query: it is the most frequent request
    /// (citizens refresh it), and carries no personal field at all.
    /// </summary>
    /// <remarks>Code and lookup key must both match; a wrong key is "not found" like an unknown code, so neither can be probed.</remarks>
    public async Task<PublicDossierView> PublicViewAsync(string code, string? lookupKey, CancellationToken cancellationToken = default) =>
        await DossierQueries.For(db).PublicView(db, code) is { } view && LookupKeys.Matches(view.LookupKey, lookupKey)
            ? view
            : throw RuntimeException.NotFound("dossier", code);

    public Task<List<HandoverRecord>> TrackingSheetAsync(Guid dossierId, CancellationToken cancellationToken = default) =>
        db.Handovers.AsNoTracking().Where(h => h.DossierId == dossierId).OrderBy(h => h.Id).ToListAsync(cancellationToken);

    private Procedure Procedure(string code) =>
        catalog.Find(code) ?? throw RuntimeException.Invalid("procedureCode", $"no procedure '{code}' in the catalog");

    private void Validate(ReceptionRequest request, Procedure procedure, DateTimeOffset receivedAt)
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
                     ("applicant.address", request.Applicant.Address, 500), ("locality", request.Locality, 60), ("branchCode", request.BranchCode, 20),
                 })
        {
            if (value?.Length > max)
            {
                throw RuntimeException.Invalid(field, $"at most {max} characters");
            }
        }
        if (request.Documents?.Count > 200)
        {
            throw RuntimeException.Invalid("documents", "at most 200 documents");
        }
        if (request.BranchCode is null)
        {
            throw RuntimeException.Invalid("branchCode", "every dossier, of every channel, names the branch that receives it and takes its branch steps");
        }
        if (request.BranchCode is not null && catalog.Structure.Branch(request.BranchCode, receivedOn) is null)
        {
            throw RuntimeException.Invalid("branchCode", $"no branch '{request.BranchCode}' is open on {receivedOn:yyyy-MM-dd}");
        }
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
        // Routing errors (no such ward on that day…) surface now, before anything is stored.
        Routing.Resolve(catalog, procedure, receivedOn, request.Locality);
    }

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
        DocumentsJson = JsonSerializer.Serialize(request.Documents, Json),
        DocumentsReused = CountReused(request.Documents),
        Delivery = request.Delivery.ToString().ToLowerInvariant(),
        FeeAmount = FeeCalculator.Compute(Procedure(request.ProcedureCode).Fee, request.Channel, request.Copies,
            request.Documents.Sum(d => d.Pages)),
    };

    private static int CountReused(IEnumerable<PresentedDocument> documents) => documents.Count(d => d.FromNationalDatabase);

    private async Task<ReceptionOutcome> NotAcceptedAsync(DossierRecord dossier, List<string> missing, CancellationToken cancellationToken)
    {
        dossier.Status = DossierStatus.NotAccepted;
        dossier.MissingJson = JsonSerializer.Serialize(missing, Json);
        dossier.SupplementRequestedAt = time.GetUtcNow().UtcDateTime;
        if (db.Entry(dossier).State == EntityState.Detached)
        {
            db.Dossiers.Add(dossier);
        }
        dossier.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome(dossier, missing);
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
            var route = Routing.Resolve(catalog, procedure, receivedOn, request.Locality);
            var limit = procedure.TimeLimitOn(receivedOn)
                ?? throw RuntimeException.Invalid("procedureCode", $"procedure {procedure.Code} has no time limit in force on {receivedOn:yyyy-MM-dd}");
            var sequence = await new DossierSequences(db).NextAsync(DossierCodes.Prefix(route.Agency.Code, receivedOn), cancellationToken);
            var appointment = clock.Appointment(received, limit.Limit);

            dossier.Code = DossierCodes.Format(route.Agency.Code, receivedOn, sequence);
            dossier.LookupKey = LookupKeys.New();
            dossier.CaseId = Guid.NewGuid();
            dossier.AgencyCode = route.Agency.Code;
            dossier.Level = route.Level;
            dossier.TimeLimit = DossierClock.Format(limit.Limit);
            dossier.AppointmentAt = dossier.OriginalAppointmentAt = appointment.UtcDateTime;
            dossier.Status = DossierStatus.Accepted;
            dossier.DocumentsRequired = procedure.Documents.Count(d => d.Required);
            dossier.MissingJson = null;
            if (db.Entry(dossier).State == EntityState.Detached)
            {
                db.Dossiers.Add(dossier);
            }
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
                    origin: new CaseOrigin(dossier.CaseId.Value, dossier.Code));
                return Outcome(dossier, [], started.OpenedTasks);
            }
            catch (RuntimeException ex) when (ex.Code == "case-changed" && attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static ReceptionOutcome Outcome(DossierRecord dossier, IReadOnlyList<string> missing, IReadOnlyList<Guid>? openedTasks = null) =>
        new(dossier.Id, dossier.Code, dossier.Status, dossier.AppointmentAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, missing, dossier.FeeAmount,
            openedTasks ?? [], dossier.LookupKey);

    /// <summary>Moves the case past the step where it waits for the applicant (a message catch, or a branch task for the supplement).</summary>
    private async Task AdvanceApplicantStepAsync(DossierRecord dossier, string stage, Dictionary<string, JsonElement> payload, string actor, Action<DossierRecord> change,
        CancellationToken cancellationToken)
    {
        var caseRecord = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == dossier.CaseId, cancellationToken);
        var definition = await definitions.ModelAsync(caseRecord.DefinitionId, cancellationToken);
        var state = Engine.Execution.CaseState.FromJson(caseRecord.StateJson);
        var waiting = state.Activities.Select(a => definition.Node(a.ElementId)).FirstOrDefault(n => n?.Pwf.Stage == stage)
            ?? throw RuntimeException.Rejected("no-waiting-step", $"dossier {dossier.Code} has no step waiting for the applicant's {stage}");
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossier.Id, cancellationToken);
        change(tracked);
        if (waiting is IntermediateCatchEvent { Trigger: MessageTrigger message })
        {
            var name = definition.Messages.FirstOrDefault(m => m.Id == message.MessageRef)?.Name ?? message.MessageRef!;
            await cases.DeliverMessageAsync(caseRecord.Id, name, payload, actor, cancellationToken: cancellationToken);
            return;
        }
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.CaseId == caseRecord.Id && t.ElementId == waiting.Id
            && (t.State == TaskState.Open || t.State == TaskState.Claimed), cancellationToken);
        await cases.CompleteTaskAsync(task.Id, payload, actor, cancellationToken: cancellationToken);
    }

    private async Task<DossierRecord> EndAsync(Guid dossierId, DossierStatus status, string reason, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuntimeException.Invalid("reason", "the reason is required / cần nêu lý do");
        }
        var dossier = await DossierAsync(dossierId, cancellationToken);
        if (DossierStatuses.IsClosed(dossier.Status) || DossierStatuses.IsResolved(dossier.Status) || dossier.CaseId is not { } caseId)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status} and can no longer be {status.ToString().ToLowerInvariant()}");
        }
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossierId, cancellationToken);
        tracked.Status = status;
        tracked.StopReason = reason.Trim();
        await deadlines.CancelPendingAsync(tracked, null, cancellationToken);
        await cases.CancelCaseAsync(caseId, reason.Trim(), actor, cancellationToken: cancellationToken);
        return await DossierAsync(dossierId, cancellationToken);
    }

    /// <summary>A change to the dossier alone (not its case), guarded by the dossier's revision.</summary>
    private Task SaveDossierAsync(Guid dossierId, Action<DossierRecord> change, CancellationToken cancellationToken) =>
        SaveDossierAsync(dossierId, tracked =>
        {
            change(tracked);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task SaveDossierAsync(Guid dossierId, Func<DossierRecord, Task> change, CancellationToken cancellationToken)
    {
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossierId, cancellationToken);
        await change(tracked);
        tracked.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "dossier-changed", $"dossier {tracked.Code} was changed by someone else at the same time; reload it");
        }
    }

    /// <summary>A client's Idempotency-Key for a dossier command, scoped to who sent it and which command, with the hash of what was sent.</summary>
    private sealed record CommandKey(string Key, string RequestHash)
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
    private async Task<T> OnceAsync<T>(CommandKey? key, Func<Guid, Task<T>> repeat, Func<Task<T>> run, CancellationToken cancellationToken)
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
    private DossierRecord Remember(CommandKey? key, DossierRecord dossier)
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

    /// <summary>What reception answered, rebuilt from the stored dossier for a repeated request.</summary>
    private async Task<ReceptionOutcome> ReceptionOfAsync(Guid dossierId)
    {
        var dossier = await DossierAsync(dossierId);
        var open = await db.Tasks.AsNoTracking().Where(t => t.CaseId == dossier.CaseId && (t.State == TaskState.Open || t.State == TaskState.Claimed))
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).ToListAsync();
        var missing = dossier.MissingJson is null ? [] : JsonSerializer.Deserialize<List<string>>(dossier.MissingJson, Json)!;
        return Outcome(dossier, missing, open);
    }
}
