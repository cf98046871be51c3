using System.Text.Json.Serialization;
using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>A dossier's id (the row's key; not its case's id, and not the code people quote).</summary>
[JsonConverter(typeof(GuidIdJson<DossierId>))]
public readonly record struct DossierId(Guid Value) : IGuidId<DossierId>
{
    public static DossierId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}
