namespace PublicWorkflow.Engine.Model;

/// <summary>
/// Where an element stood in the file it was read from. Position is metadata, not content: it takes no part in
/// equality, so a model exported and read back (where lines move) is equal to the original.
/// </summary>
public readonly struct SourceLine(int number) : IEquatable<SourceLine>
{
    public int Number { get; } = number;

    public bool Equals(SourceLine other) => true;

    public override bool Equals(object? obj) => obj is SourceLine;

    public override int GetHashCode() => 0;

    public override string ToString() => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static implicit operator SourceLine(int number) => new(number);

    public static implicit operator int(SourceLine line) => line.Number;

    public static bool operator ==(SourceLine left, SourceLine right) => left.Equals(right);

    public static bool operator !=(SourceLine left, SourceLine right) => !left.Equals(right);
}
