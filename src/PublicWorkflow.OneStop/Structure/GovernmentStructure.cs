using PublicWorkflow.OneStop.Catalog;
namespace PublicWorkflow.OneStop.Structure;

public sealed record GovernmentLevel(string Code, int Rank, LocalizedText Name, Validity Validity);

/// <summary>An administrative unit (the city, a district, a ward or commune) in force for a period.</summary>
public sealed record AdministrativeUnit(string Code, string Level, string Kind, string? Parent, LocalizedText Name, Validity Validity);

/// <summary>
/// An agency that resolves procedures: a city department, a People's Committee of a unit, or a vertically
/// organised agency (police, tax, social insurance). Its official electronic identifier (Decision 20/2020/QĐ-TTg,
/// e.g. H26.…) opens the dossier codes it issues where known; otherwise its internal <see cref="Code"/> does.
/// </summary>
public sealed record Agency(string Code, string Kind, string Level, string Unit, LocalizedText Name, bool Vertical, Validity Validity, string? ElectronicId = null)
{
    public string DossierPrefix => ElectronicId ?? Code;
}

public enum PointKind
{
    /// <summary>The center's headquarters.</summary>
    Headquarters,
    /// <summary>A branch of the center (chi nhánh), receiving across administrative boundaries.</summary>
    Branch,
    /// <summary>A commune-level public administration service center (Decree 118/2025 names it a one-stop level).</summary>
    CommunePoint,
}

/// <summary>
/// A service point where dossiers are received: the headquarters, a branch or a commune-level center, with the ward
/// it stands in, its address and the area it serves where sourced, and what it receives: procedures resolved at the
/// levels in <paramref name="ReceivesLevels"/>, or every procedure when null. Its opening hours are the calendar's
/// office hours (no per-point hours are sourced).
/// </summary>
public sealed record Branch(string Code, LocalizedText Name, Validity Validity, PointKind Kind = PointKind.Branch, string? Unit = null, string? Address = null,
    IReadOnlyList<string>? Area = null, IReadOnlyList<string>? ReceivesLevels = null, bool Verified = true, LocalizedText? Note = null)
{
    /// <summary>Whether the point receives a procedure resolved at <paramref name="level"/> on the day.</summary>
    public bool Receives(string level) => ReceivesLevels is null || ReceivesLevels.Contains(level);

    /// <summary>Whether a ward or commune lies in the area the point serves (a point with no area serves the whole city).</summary>
    public bool Serves(string? unit) => Area is null || unit is not null && Area.Contains(unit);
}

/// <summary>
/// Levels, units, agencies and branches as effective-dated records, so a dossier is routed by the structure in
/// force on the day it was received (Vietnam went from three local levels to two on 1 July 2025).
/// </summary>
public sealed class GovernmentStructure(
    IReadOnlyList<GovernmentLevel> levels,
    IReadOnlyList<AdministrativeUnit> units,
    IReadOnlyList<Agency> agencies,
    IReadOnlyList<Branch> branches)
{
    public static GovernmentStructure Empty { get; } = new([], [], [], []);

    public IReadOnlyList<GovernmentLevel> Levels { get; } = levels;
    public IReadOnlyList<AdministrativeUnit> Units { get; } = units;
    public IReadOnlyList<Agency> Agencies { get; } = agencies;
    public IReadOnlyList<Branch> Branches { get; } = branches;

    public GovernmentLevel? Level(string code, DateOnly on) => Levels.FirstOrDefault(l => l.Code == code && l.Validity.Covers(on));

    public AdministrativeUnit? Unit(string code, DateOnly on) => Units.FirstOrDefault(u => u.Code == code && u.Validity.Covers(on));

    public Agency? Agency(string code, DateOnly on) => Agencies.FirstOrDefault(a => a.Code == code && a.Validity.Covers(on));

    /// <summary>An agency by code whatever its period (dossiers keep the code of the agency that was in force).</summary>
    public Agency? AgencyEver(string code) => Agencies.LastOrDefault(a => a.Code == code);

    public Branch? Branch(string code, DateOnly on) => Branches.FirstOrDefault(b => b.Code == code && b.Validity.Covers(on));

    /// <summary>The unit itself or its ancestor at <paramref name="level"/>, as the structure stood on that day.</summary>
    public AdministrativeUnit? UnitAtLevel(string unitCode, string level, DateOnly on)
    {
        for (var unit = Unit(unitCode, on); unit is not null; unit = unit.Parent is null ? null : Unit(unit.Parent, on))
        {
            if (unit.Level == level)
            {
                return unit;
            }
        }
        return null;
    }

    /// <summary>The agency of a kind that serves a unit (its People's Committee, its police) on that day.</summary>
    public Agency? AgencyOf(string kind, string unitCode, DateOnly on) =>
        Agencies.FirstOrDefault(a => a.Kind == kind && a.Unit == unitCode && a.Validity.Covers(on));
}
