using PublicWorkflow.OneStop.Catalog;
using System.Text.Json;

namespace PublicWorkflow.OneStop.Structure;

/// <summary>
/// Reads <c>structure/levels.json</c>, <c>units.json</c>, <c>agencies.json</c> and <c>branches.json</c>. The People's
/// Committee and police of every unit are generated from the rules in agencies.json (<c>localAgencies</c>), so the
/// 126 communes do not need 252 hand-written agency entries. A record with a problem is left out and reported.
/// </summary>
internal static class StructureLoader
{
    public static GovernmentStructure Load(string folder, List<CatalogProblem> problems)
    {
        var levels = Read(folder, "levels.json", problems, (fields, root) => fields.Items(root, "", "levels").Select(i => Level(fields, i.Item, i.Path)));
        var units = Read(folder, "units.json", problems, (fields, root) => fields.Items(root, "", "units").Select(i => Unit(fields, i.Item, i.Path)));
        var agencies = Read(folder, "agencies.json", problems, (fields, root) =>
            fields.Items(root, "", "agencies").Select(i => Agency(fields, i.Item, i.Path))
                .Concat(fields.Items(root, "", "localAgencies", required: false).SelectMany(i => LocalAgencies(fields, i.Item, i.Path, units))));
        var branches = Read(folder, "branches.json", problems, (fields, root) =>
            fields.Items(root, "", "branches").Select(i => Branch(fields, i.Item, i.Path, units))
                .Concat(CommunePoints(fields, root, units)));

        CheckReferences(levels, units, agencies, problems);
        return new GovernmentStructure(levels, units, agencies, branches);
    }

    private static List<T> Read<T>(string folder, string name, List<CatalogProblem> problems, Func<JsonFields, JsonElement, IEnumerable<T?>> read) where T : class
    {
        var path = Path.Combine(folder, name);
        var fields = new JsonFields($"structure/{name}");
        if (!File.Exists(path))
        {
            fields.Problem("(file)", "is missing");
            problems.AddRange(fields.Problems);
            return [];
        }
        using var document = JsonFields.Parse(File.ReadAllText(path), fields);
        var records = document is null ? [] : read(fields, document.RootElement).OfType<T>().ToList();
        problems.AddRange(fields.Problems);
        return records;
    }

    private static GovernmentLevel? Level(JsonFields f, JsonElement e, string p)
    {
        var code = f.String(e, p, "code");
        var rank = f.Number(e, p, "rank", minimum: 1);
        var name = f.Text(e, p, "name");
        var validity = f.Validity(e, p);
        return code is null || rank is null || name is null || validity is null ? null : new GovernmentLevel(code, (int)rank, name, validity);
    }

    private static AdministrativeUnit? Unit(JsonFields f, JsonElement e, string p)
    {
        var code = f.String(e, p, "code");
        var level = f.String(e, p, "level");
        var kind = f.String(e, p, "kind");
        var parent = f.String(e, p, "parent", required: false);
        var name = f.Text(e, p, "name");
        var validity = f.Validity(e, p);
        return code is null || level is null || kind is null || name is null || validity is null
            ? null
            : new AdministrativeUnit(code, level, kind, parent, name, validity);
    }

    private static Agency? Agency(JsonFields f, JsonElement e, string p)
    {
        var code = f.String(e, p, "code");
        var kind = f.String(e, p, "kind");
        var level = f.String(e, p, "level");
        var unit = f.String(e, p, "unit");
        var name = f.Text(e, p, "name");
        var vertical = f.Bool(e, p, "vertical", false);
        var validity = f.Validity(e, p);
        if (code is not null && !DossierCodeSafe(code))
        {
            f.Problem(JsonFields.Path(p, "code"), "may hold only capital letters, digits and dots (it opens dossier codes)");
            return null;
        }
        var electronicId = f.String(e, p, "electronicId", required: false);
        if (electronicId is not null && !(electronicId.StartsWith("H26.", StringComparison.Ordinal) && DossierCodeSafe(electronicId) && electronicId.Length <= 40))
        {
            f.Problem(JsonFields.Path(p, "electronicId"), "an official electronic unit identifier of Hanoi, such as H26.57 (capital letters, digits and dots)");
            return null;
        }
        return code is null || kind is null || level is null || unit is null || name is null || validity is null
            ? null
            : new Agency(code, kind, level, unit, name, vertical, validity, electronicId);
    }

    /// <summary>One agency per unit at the rule's levels, in force while the unit is.</summary>
    private static IEnumerable<Agency> LocalAgencies(JsonFields f, JsonElement e, string p, List<AdministrativeUnit> units)
    {
        var kind = f.String(e, p, "kind");
        var prefix = f.String(e, p, "codePrefix");
        var levels = f.Strings(e, p, "levels");
        var name = f.Text(e, p, "name");
        var vertical = f.Bool(e, p, "vertical", false);
        if (kind is null || prefix is null || name is null)
        {
            return [];
        }
        if (!DossierCodeSafe(prefix))
        {
            f.Problem(JsonFields.Path(p, "codePrefix"), "may hold only capital letters, digits and dots");
            return [];
        }
        return units.Where(u => levels.Contains(u.Level)).Select(u => new Agency(
            $"{prefix}.{u.Code}", kind, u.Level, u.Code,
            new LocalizedText(name.Vi.Replace("{unit}", u.Name.Vi), name.En.Replace("{unit}", u.Name.En)), vertical, u.Validity)).ToList();
    }

    private static readonly string[] PointKinds = ["headquarters", "branch"];

    private static Branch? Branch(JsonFields f, JsonElement e, string p, List<AdministrativeUnit> units)
    {
        var code = f.String(e, p, "code");
        var name = f.Text(e, p, "name");
        var validity = f.Validity(e, p);
        var kind = f.OneOf(e, p, "kind", PointKinds, required: false) ?? "branch";
        var unit = f.String(e, p, "unit", required: false);
        if (code is null || name is null || validity is null)
        {
            return null;
        }
        // The ward a branch stands in today may be younger than the branch (wards were merged on 1/7/2025).
        if (unit is not null && !units.Any(u => u.Code == unit && u.Validity.Overlaps(validity)))
        {
            f.Problem(JsonFields.Path(p, "unit"), $"no unit '{unit}' in force while the point is open");
            return null;
        }
        var levels = f.Strings(e, p, "receivesLevels", required: false);
        return new Branch(code, name, validity, kind == "headquarters" ? PointKind.Headquarters : PointKind.Branch, unit, f.String(e, p, "address", required: false),
            null, levels.Count == 0 ? null : levels, f.Bool(e, p, "verified", true), f.Text(e, p, "note", required: false));
    }

    /// <summary>
    /// The commune-level service centers, one per ward or commune of the levels named, in force while the unit is:
    /// generated like the local agencies, so 126 points need no hand-written entries.
    /// </summary>
    private static IEnumerable<Branch> CommunePoints(JsonFields f, JsonElement root, List<AdministrativeUnit> units)
    {
        if (!f.TryGet(root, "", "communePoints", JsonValueKind.Object, required: false, out var e))
        {
            return [];
        }
        const string p = "communePoints";
        var prefix = f.String(e, p, "codePrefix");
        var name = f.Text(e, p, "name");
        var from = f.Date(e, p, "from");
        var levels = f.Strings(e, p, "levels");
        var receives = f.Strings(e, p, "receivesLevels");
        if (prefix is null || name is null || from is null)
        {
            return [];
        }
        if (!DossierCodeSafe(prefix))
        {
            f.Problem(JsonFields.Path(p, "codePrefix"), "may hold only capital letters, digits and dots");
            return [];
        }
        var verified = f.Bool(e, p, "verified", true);
        var note = f.Text(e, p, "note", required: false);
        return units.Where(u => levels.Contains(u.Level) && (u.Validity.To is null || u.Validity.To >= from))
            .Select(u => new Branch($"{prefix}.{u.Code}",
                new LocalizedText(name.Vi.Replace("{unit}", u.Name.Vi), name.En.Replace("{unit}", u.Name.En)),
                new Validity(u.Validity.From > from.Value ? u.Validity.From : from.Value, u.Validity.To), PointKind.CommunePoint, u.Code, null,
                [u.Code], receives, verified, note))
            .ToList();
    }

    private static bool DossierCodeSafe(string code) => code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.');

    /// <summary>Levels and parents must exist, and no two records with one code may be in force on the same day.</summary>
    private static void CheckReferences(List<GovernmentLevel> levels, List<AdministrativeUnit> units, List<Agency> agencies,
        List<CatalogProblem> problems)
    {
        foreach (var unit in units)
        {
            if (levels.All(l => l.Code != unit.Level))
            {
                problems.Add(new CatalogProblem("structure/units.json", $"units[{unit.Code}].level", $"no level '{unit.Level}' in levels.json"));
            }
            if (unit.Parent is not null && !units.Any(u => u.Code == unit.Parent && u.Validity.Overlaps(unit.Validity)))
            {
                problems.Add(new CatalogProblem("structure/units.json", $"units[{unit.Code}].parent", $"no unit '{unit.Parent}' in force at the same time"));
            }
        }
        foreach (var agency in agencies.Where(a => units.Count > 0 && !units.Any(u => u.Code == a.Unit)))
        {
            problems.Add(new CatalogProblem("structure/agencies.json", $"agencies[{agency.Code}].unit", $"no unit '{agency.Unit}' in units.json"));
        }
        Overlapping(units.Select(u => (u.Code, u.Validity)), "structure/units.json", problems);
        Overlapping(agencies.Select(a => (a.Code, a.Validity)), "structure/agencies.json", problems);
    }

    private static void Overlapping(IEnumerable<(string Code, Validity Validity)> records, string file, List<CatalogProblem> problems)
    {
        foreach (var group in records.GroupBy(r => r.Code))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (list[i].Validity.Overlaps(list[j].Validity))
                    {
                        problems.Add(new CatalogProblem(file, $"[{group.Key}]", "two records with this code are in force at the same time"));
                    }
                }
            }
        }
    }
}
