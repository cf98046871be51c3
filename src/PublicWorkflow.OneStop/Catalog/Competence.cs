namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// Which ward or commune's agency is competent for a procedure resolved at a local level: the law ties each
/// procedure to a different place (the plot, the business seat, the new residence…), not to where the applicant
/// lives. The reception form asks for that place.
/// </summary>
public enum CompetenceBasis
{
    Residence,
    ParentResidence,
    NewResidence,
    DeceasedResidence,
    EitherPartyResidence,
    Plot,
    BusinessSeat,
    RegisterHolder,
    /// <summary>Any competent commune will do (certification): the one whose service point receives the dossier.</summary>
    ReceivingPoint,
}

/// <summary>The competence criterion of a local resolving rule, flagged like every fact that is not verified.</summary>
public sealed record Competence(CompetenceBasis Basis, bool Verified, LocalizedText? Note)
{
    public static readonly Competence Default = new(CompetenceBasis.Residence, true, null);

    /// <summary>The names the catalog files use (kebab case).</summary>
    public static readonly IReadOnlyDictionary<string, CompetenceBasis> Names = Enum.GetValues<CompetenceBasis>()
        .ToDictionary(Name, b => b);

    public static string Name(CompetenceBasis basis) =>
        string.Concat(basis.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    /// <summary>What the reception form asks for: the ward or commune that decides the agency.</summary>
    public static LocalizedText Question(CompetenceBasis basis) => basis switch
    {
        CompetenceBasis.Residence => new("Phường/xã nơi cư trú của người yêu cầu", "Ward or commune where the applicant resides"),
        CompetenceBasis.ParentResidence => new("Phường/xã nơi cư trú của cha hoặc mẹ", "Ward or commune where the father or mother resides"),
        CompetenceBasis.NewResidence => new("Phường/xã nơi đăng ký cư trú mới", "Ward or commune of the new residence"),
        CompetenceBasis.DeceasedResidence => new("Phường/xã nơi cư trú cuối cùng của người chết", "Ward or commune of the deceased's last residence"),
        CompetenceBasis.EitherPartyResidence => new("Phường/xã nơi cư trú của bên nam hoặc bên nữ", "Ward or commune where either party resides"),
        CompetenceBasis.Plot => new("Phường/xã nơi có thửa đất, công trình", "Ward or commune where the plot lies"),
        CompetenceBasis.BusinessSeat => new("Phường/xã nơi đặt trụ sở kinh doanh", "Ward or commune of the business seat"),
        CompetenceBasis.RegisterHolder => new("Phường/xã đang lưu giữ sổ hộ tịch", "Ward or commune holding the register"),
        CompetenceBasis.ReceivingPoint => new("Bất kỳ phường/xã nào: nơi tiếp nhận hồ sơ", "Any ward or commune: the one that receives the dossier"),
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };
}
