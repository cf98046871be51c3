namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>The last sequence number given for one dossier-code prefix (an agency's day): codes are drawn atomically from it.</summary>
public sealed class DossierSequenceRecord
{
    public required string Prefix { get; set; }
    public int Last { get; set; }
}
