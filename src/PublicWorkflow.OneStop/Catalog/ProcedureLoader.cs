using PublicWorkflow.OneStop.Structure;
using System.Text.Json;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// Reads and validates one procedure file. The schema is documented in <c>docs/procedure-catalog.md</c>; every
/// problem names the file, the field (as a JSON path) and the reason, and an entry with any problem is not loaded.
/// </summary>
internal static class ProcedureLoader
{
    private static readonly string[] FeeKinds = ["free", "fixed", "per-copy", "per-page", "unknown"];
    private static readonly string[] Units = ["workingDays", "calendarDays", "workingHours"];
    private static readonly string[] OnlineLevels = ["full", "partial", "unknown"];
    private static readonly string[] DeliveryOptions = ["branch", "online", "post"];
    private static readonly string[] SupplementClocks = ["pause", "restart", "keep"];

    public static Procedure? Read(string file, string text, GovernmentStructure structure, IReadOnlySet<string> workflows, List<CatalogProblem> problems)
    {
        var f = new JsonFields(file);
        using var document = JsonFields.Parse(text, f);
        var procedure = document is null ? null : Read(f, document.RootElement, structure, workflows);
        problems.AddRange(f.Problems);
        return f.Problems.Count == 0 ? procedure : null;
    }

    private static Procedure? Read(JsonFields f, JsonElement root, GovernmentStructure structure, IReadOnlySet<string> workflows)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            f.Problem("(file)", "must hold one JSON object");
            return null;
        }
        var code = f.String(root, "", "code");
        if (code is not null && !IsNationalCode(code))
        {
            f.Problem("code", $"'{code}' is not a national procedure code such as 1.001193");
        }
        var cityCode = f.String(root, "", "cityCode");
        if (cityCode is not null && code is not null && !(cityCode.StartsWith(code + ".", StringComparison.Ordinal) && cityCode.EndsWith(".H26", StringComparison.Ordinal)))
        {
            f.Problem("cityCode", $"'{cityCode}' must start with the national code {code} and end with Hanoi's suffix .H26");
        }
        var name = f.Text(root, "", "name");
        var sector = f.String(root, "", "sector");
        var resolvedBy = f.Items(root, "", "resolvedBy").Select(i => Resolving(f, i.Item, i.Path, structure)).OfType<ResolvingRule>().ToList();
        CheckNoOverlap(f, "resolvedBy", resolvedBy.Select(r => r.Validity).ToList());
        var legalBasis = f.Strings(root, "", "legalBasis", required: false, nonEmpty: false);
        var timeLimits = f.Items(root, "", "timeLimits").Select(i => TimeLimit(f, i.Item, i.Path)).OfType<TimeLimitRule>().ToList();
        CheckNoOverlap(f, "timeLimits", timeLimits.Select(t => t.Validity).ToList());
        var fee = f.TryGet(root, "", "fee", JsonValueKind.Object, true, out var feeElement) ? Fee(f, feeElement, "fee") : null;
        var documents = f.Items(root, "", "documents").Select(i => Document(f, i.Item, i.Path)).OfType<RequiredDocument>().ToList();
        foreach (var duplicate in documents.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            f.Problem("documents", $"the id '{duplicate.Key}' is used twice");
        }
        var online = f.OneOf(root, "", "onlineLevel", OnlineLevels);
        var delivery = f.Strings(root, "", "delivery").Select((d, i) => DeliveryOptions.Contains(d) ? d : Invalid(f, $"delivery[{i}]", d, DeliveryOptions)).OfType<string>().ToList();
        var workflow = f.String(root, "", "workflow");
        if (workflow is not null && !workflows.Contains(workflow))
        {
            f.Problem("workflow", $"no workflow '{workflow}' in workflows/ (a .bpmn file whose process id is the key)");
        }
        var supplementClock = f.OneOf(root, "", "supplementClock", SupplementClocks, required: false) ?? "pause";
        var supplementClockFlag = Flag(f, root, "supplementClockSource");
        var sources = f.Strings(root, "", "sources");
        var deadlines = Deadlines(f, root);
        var codeSince = CodeSince(f, root);
        if (code is null || cityCode is null || name is null || sector is null || fee is null || online is null || workflow is null)
        {
            return null;
        }
        return new Procedure(f.File, code, cityCode, name, sector, resolvedBy, legalBasis, timeLimits, fee, documents,
            Enum.Parse<OnlineLevel>(online, ignoreCase: true), f.Bool(root, "", "onlineLevelVerified", online != "unknown"),
            delivery.Select(d => Enum.Parse<DeliveryOption>(d, ignoreCase: true)).ToList(), workflow,
            Enum.Parse<SupplementClock>(supplementClock, ignoreCase: true), f.Bool(root, "", "financialObligationsPauseClock", false), sources, deadlines,
            codeSince, supplementClockFlag);
    }

    /// <summary>The optional <c>deadlines</c> object: <c>warningShare</c> (over 0, under 1) and <c>supervisorAfterWorkingDays</c> (0 to 30).</summary>
    private static DeadlineRules? Deadlines(JsonFields f, JsonElement root)
    {
        if (!f.TryGet(root, "", "deadlines", JsonValueKind.Object, required: false, out var e))
        {
            return null;
        }
        var share = f.Number(e, "deadlines", "warningShare", required: false) ?? DeadlineRules.Default.WarningShare;
        var days = f.Number(e, "deadlines", "supervisorAfterWorkingDays", required: false) ?? DeadlineRules.Default.SupervisorAfterWorkingDays;
        if (share is <= 0 or >= 1)
        {
            f.Problem("deadlines.warningShare", "a share of the time to the appointment, over 0 and under 1 (e.g. 0.75)");
            return null;
        }
        if (days != decimal.Truncate(days) || days > 30)
        {
            f.Problem("deadlines.supervisorAfterWorkingDays", "a whole number of working days from 0 to 30");
            return null;
        }
        return new DeadlineRules(share, (int)days);
    }

    private static bool IsNationalCode(string code) =>
        code.Length == 8 && code[0] is >= '1' and <= '3' && code[1] == '.' && code[2..].All(char.IsAsciiDigit);

    private static string? Invalid(JsonFields f, string field, string value, string[] allowed)
    {
        f.Problem(field, $"'{value}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    private static ResolvingRule? Resolving(JsonFields f, JsonElement e, string p, GovernmentStructure structure)
    {
        var validity = f.Validity(e, p);
        var agency = f.String(e, p, "agency", required: false);
        var level = f.String(e, p, "level", required: false);
        var kind = f.String(e, p, "agencyKind", required: false);
        if (validity is null)
        {
            return null;
        }
        if (agency is null == (level is null || kind is null))
        {
            f.Problem(p, "needs either agency, or level with agencyKind");
            return null;
        }
        if (agency is not null && structure.Agency(agency, validity.From) is null)
        {
            f.Problem(JsonFields.Path(p, "agency"), $"no agency '{agency}' in force on {validity.From:yyyy-MM-dd} in structure/agencies.json");
            return null;
        }
        if (level is not null && structure.Level(level, validity.From) is null)
        {
            f.Problem(JsonFields.Path(p, "level"), $"no level '{level}' in force on {validity.From:yyyy-MM-dd} in structure/levels.json");
            return null;
        }
        if (kind is not null && !structure.Agencies.Any(a => a.Kind == kind && a.Level == level))
        {
            f.Problem(JsonFields.Path(p, "agencyKind"), $"no agency of kind '{kind}' at level '{level}' in structure/agencies.json");
            return null;
        }
        var competence = Competence(f, e, p);
        if (competence is not null && agency is not null)
        {
            f.Problem(JsonFields.Path(p, "competence"), "a rule naming its agency has no local competence criterion");
        }
        return new ResolvingRule(validity, agency, level, kind, f.Bool(e, p, "verified", true), f.Text(e, p, "note", required: false), competence);
    }

    /// <summary>The optional <c>competence</c> object of a local rule: <c>basis</c>, <c>verified</c>, <c>note</c>.</summary>
    private static Competence? Competence(JsonFields f, JsonElement e, string p)
    {
        if (!f.TryGet(e, p, "competence", JsonValueKind.Object, required: false, out var c))
        {
            return null;
        }
        var path = JsonFields.Path(p, "competence");
        var basis = f.OneOf(c, path, "basis", Catalog.Competence.Names.Keys.ToList());
        return basis is null ? null : new Competence(Catalog.Competence.Names[basis], f.Bool(c, path, "verified", true), f.Text(c, path, "note", required: false));
    }

    /// <summary>An optional <c>{verified, note}</c> object sourcing a plain value beside it.</summary>
    private static SourceFlag? Flag(JsonFields f, JsonElement root, string name) =>
        f.TryGet(root, "", name, JsonValueKind.Object, required: false, out var e)
            ? new SourceFlag(f.Bool(e, name, "verified", true), f.Text(e, name, "note", required: false))
            : null;

    /// <summary>The optional <c>codeSince</c> object: the date the national code came into force.</summary>
    private static DatedFact? CodeSince(JsonFields f, JsonElement root)
    {
        if (!f.TryGet(root, "", "codeSince", JsonValueKind.Object, required: false, out var e))
        {
            return null;
        }
        var from = f.Date(e, "codeSince", "from");
        return from is null ? null : new DatedFact(from.Value, f.Bool(e, "codeSince", "verified", true), f.Text(e, "codeSince", "note", required: false));
    }

    private static TimeLimitRule? TimeLimit(JsonFields f, JsonElement e, string p)
    {
        var validity = f.Validity(e, p);
        var amount = f.Number(e, p, "amount");
        var unitText = f.OneOf(e, p, "unit", Units);
        var note = f.Text(e, p, "note", required: false);
        if (validity is null || amount is null || unitText is null)
        {
            return null;
        }
        Engine.Model.TimeLimit.TryParseUnit(unitText, out var unit);
        if (unit != TimeLimitUnit.WorkingHours && amount != decimal.Truncate(amount.Value))
        {
            f.Problem(JsonFields.Path(p, "amount"), "must be a whole number of days (use workingHours for parts of a day)");
            return null;
        }
        var cutoff = Cutoff(f, e, p);
        if (cutoff is not null && (unit != TimeLimitUnit.WorkingDays || amount != 0))
        {
            f.Problem(JsonFields.Path(p, "sameDayCutoff"), "only a same-day limit (0 workingDays) has a cut-off: a limit of days runs from the day after receipt");
            return null;
        }
        return new TimeLimitRule(validity, new TimeLimit(amount.Value, unit), f.Bool(e, p, "verified", true), note, cutoff);
    }

    private static SameDayCutoff? Cutoff(JsonFields f, JsonElement e, string p)
    {
        if (!f.TryGet(e, p, "sameDayCutoff", JsonValueKind.Object, required: false, out var cutoff))
        {
            return null;
        }
        var path = JsonFields.Path(p, "sameDayCutoff");
        var text = f.String(cutoff, path, "at");
        if (text is null)
        {
            return null;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            f.Problem(JsonFields.Path(path, "at"), $"'{text}' is not a time of day as HH:mm");
            return null;
        }
        return new SameDayCutoff(at, f.Bool(cutoff, path, "verified", true), f.Text(cutoff, path, "note", required: false));
    }

    private static FeeRule? Fee(JsonFields f, JsonElement e, string p)
    {
        var kindText = f.OneOf(e, p, "kind", FeeKinds);
        var verified = f.Bool(e, p, "verified", true);
        var note = f.Text(e, p, "note", required: false);
        switch (kindText)
        {
            case "free":
                return new FeeRule(FeeKind.Free, Verified: verified, Note: note);
            case "unknown":
                if (verified)
                {
                    f.Problem(JsonFields.Path(p, "verified"), "a fee of unknown amount cannot be verified: set false");
                }
                return new FeeRule(FeeKind.Unknown, Verified: false, Note: note);
            case "fixed":
            case "per-copy":
            {
                var amount = f.Number(e, p, "amount");
                var online = f.Number(e, p, "onlineAmount", required: false);
                if (online > amount)
                {
                    f.Problem(JsonFields.Path(p, "onlineAmount"), "must not be more than the amount at the counter");
                }
                return amount is null ? null : new FeeRule(kindText == "fixed" ? FeeKind.Fixed : FeeKind.PerCopy, amount, online, Verified: verified, Note: note);
            }
            case "per-page":
            {
                var firstPages = f.Number(e, p, "firstPages", minimum: 1);
                var first = f.Number(e, p, "firstPageAmount");
                var later = f.Number(e, p, "laterPageAmount");
                var maximum = f.Number(e, p, "maximumPerCopy", required: false, minimum: 1);
                return firstPages is null || first is null || later is null
                    ? null
                    : new FeeRule(FeeKind.PerPage, FirstPages: (int)firstPages, FirstPageAmount: first, LaterPageAmount: later, MaximumPerCopy: maximum, Verified: verified, Note: note);
            }
            default:
                return null;
        }
    }

    private static RequiredDocument? Document(JsonFields f, JsonElement e, string p)
    {
        var id = f.String(e, p, "id");
        var name = f.Text(e, p, "name");
        var copies = f.Number(e, p, "copies", minimum: 1);
        var fetchable = f.String(e, p, "fetchableFrom", required: false);
        var results = f.Strings(e, p, "acceptsResultOf", required: false);
        foreach (var (code, i) in results.Select((c, i) => (c, i)).Where(x => !IsNationalCode(x.c)))
        {
            f.Problem(JsonFields.Path(p, $"acceptsResultOf[{i}]"), $"'{code}' is not a national procedure code");
        }
        var validFor = f.Number(e, p, "reuseValidForDays", required: false, minimum: 1);
        return id is null || name is null || copies is null
            ? null
            : new RequiredDocument(id, name, (int)copies, fetchable, f.Bool(e, p, "required", true), f.Bool(e, p, "verified", true), results,
                validFor is null ? null : (int)validFor, f.Text(e, p, "reuseNote", required: false));
    }

    private static void CheckNoOverlap(JsonFields f, string field, List<Validity> periods)
    {
        for (var i = 0; i < periods.Count; i++)
        {
            for (var j = i + 1; j < periods.Count; j++)
            {
                if (periods[i].Overlaps(periods[j]))
                {
                    f.Problem($"{field}[{j}]", $"overlaps {field}[{i}]: only one may be in force on a day");
                }
            }
        }
    }
}
