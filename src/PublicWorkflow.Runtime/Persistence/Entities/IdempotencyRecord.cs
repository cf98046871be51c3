namespace PublicWorkflow.Runtime.Persistence.Entities;

/// <summary>The first answer to a command carrying this key; a repeat gets it back and changes nothing.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public required string ResponseJson { get; set; }
    public DateTime CreatedAt { get; set; }
}
