using PublicWorkflow.Runtime;
using System.Globalization;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>Dossier codes AGENCYCODE-YYMMDD-NNNN: the resolving agency, the receipt date, the sequence within that day.</summary>
public static class DossierCodes
{
    public static string Prefix(string agencyCode, DateOnly receivedOn) =>
        $"{agencyCode}-{receivedOn.ToString("yyMMdd", CultureInfo.InvariantCulture)}-";

    public static string Format(string agencyCode, DateOnly receivedOn, int sequence) =>
        sequence is < 1 or > 9999
            ? throw RuntimeException.Rejected("day-full", $"agency {agencyCode} has given all 9999 dossier codes of {receivedOn:yyyy-MM-dd}")
            : Prefix(agencyCode, receivedOn) + sequence.ToString("D4", CultureInfo.InvariantCulture);
}
