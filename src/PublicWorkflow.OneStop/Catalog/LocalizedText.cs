namespace PublicWorkflow.OneStop.Catalog;

/// <summary>User-visible text in both languages the center serves: Vietnamese first, English beside it.</summary>
public sealed record LocalizedText(string Vi, string En)
{
    /// <summary>The text for a language tag ("vi", "en", "en-GB"…); Vietnamese unless English is asked for.</summary>
    public string In(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Vi;
}

/// <summary>A dated period a record is in force: <see cref="From"/> to <see cref="To"/> inclusive (open-ended without an end).</summary>
public sealed record Validity(DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly date) => date >= From && (To is null || date <= To);

    public bool Overlaps(Validity other) => From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);
}

/// <summary>A catalog or structure file that is wrong: which file, which field, why. The entry is not loaded.</summary>
public sealed record CatalogProblem(string File, string Field, string Reason)
{
    public override string ToString() => $"{File}: {Field}: {Reason}";
}
