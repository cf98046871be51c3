using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The fee a dossier owes under its procedure's rule; null when the amount is not verified (nothing is invented).</summary>
public static class FeeCalculator
{
    public static decimal? Compute(FeeRule fee, DossierChannel channel, int copies, int pages) => fee.Kind switch
    {
        FeeKind.Free => 0,
        FeeKind.Fixed => channel == DossierChannel.Online && fee.OnlineAmount is { } online ? online : fee.Amount,
        FeeKind.PerCopy => fee.Amount * Math.Max(copies, 1),
        FeeKind.PerPage => PerCopy(fee, Math.Max(pages, 1)) * Math.Max(copies, 1),
        _ => null,
    };

    /// <summary>Certification style: the first pages at one rate, the rest at another, capped per copy.</summary>
    private static decimal PerCopy(FeeRule fee, int pages)
    {
        var first = Math.Min(pages, fee.FirstPages) * fee.FirstPageAmount!.Value;
        var later = Math.Max(pages - fee.FirstPages, 0) * fee.LaterPageAmount!.Value;
        return fee.MaximumPerCopy is { } cap ? Math.Min(first + later, cap) : first + later;
    }
}
