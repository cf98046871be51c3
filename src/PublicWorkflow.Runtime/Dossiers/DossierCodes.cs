using System.Globalization;

namespace PublicWorkflow.Runtime.Dossiers;

/// <summary>Dossier codes AGENCYCODE-YYMMDD-NNNN: the resolving agency, the receipt date, the sequence within that day.</summary>
public static class DossierCodes
{
    public static string Prefix(string agencyCode, DateOnly receivedOn) =>
        $"{agencyCode}-{receivedOn.ToString("yyMMdd", CultureInfo.InvariantCulture)}-";

    public static string Format(string agencyCode, DateOnly receivedOn, int sequence) =>
        sequence is < 1 or > 9999
            ? throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "a day holds at most 9999 dossiers per agency")
            : Prefix(agencyCode, receivedOn) + sequence.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The sequence after the highest code already given with this prefix.</summary>
    public static int Next(IEnumerable<string> codesWithPrefix) =>
        codesWithPrefix.Select(c => int.TryParse(c.AsSpan(c.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max() + 1;
}
