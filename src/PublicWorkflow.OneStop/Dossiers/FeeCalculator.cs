using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The fee a dossier owes under its procedure's rule; null when the amount is not verified (nothing is invented).</summary>
public static class FeeCalculator
{
    /// <param name="copies">Copies of the result asked for (per-copy fees).</param>
    /// <param name="documents">What was handed in: a per-page fee is charged for each document and each of its copies.</param>
    public static decimal? Compute(FeeRule fee, DossierChannel channel, int copies, IReadOnlyList<PresentedDocument> documents) => fee.Kind switch
    {
        FeeKind.Free => 0,
        FeeKind.Fixed => channel == DossierChannel.Online && fee.OnlineAmount is { } online ? online : fee.Amount,
        FeeKind.PerCopy => fee.Amount * Math.Max(copies, 1),
        FeeKind.PerPage => PerPage(fee, documents),
        _ => null,
    };

    /// <summary>
    /// Certification (TT 226/2016): each copy of each document is priced on its own pages, the first pages at one rate
    /// and the rest at another, capped per copy; several originals are never priced as one long copy. A request that
    /// names no pages pays for one page.
    /// </summary>
    private static decimal PerPage(FeeRule fee, IReadOnlyList<PresentedDocument> documents)
    {
        var paged = documents.Where(d => d.Pages > 0).ToList();
        return paged.Count == 0 ? PerCopy(fee, 1) : paged.Sum(d => PerCopy(fee, d.Pages) * Math.Max(d.Copies, 1));
    }

    private static decimal PerCopy(FeeRule fee, int pages)
    {
        var first = Math.Min(pages, fee.FirstPages) * fee.FirstPageAmount!.Value;
        var later = Math.Max(pages - fee.FirstPages, 0) * fee.LaterPageAmount!.Value;
        return fee.MaximumPerCopy is { } cap ? Math.Min(first + later, cap) : first + later;
    }
}
