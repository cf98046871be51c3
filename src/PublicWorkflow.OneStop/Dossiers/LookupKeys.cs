using System.Security.Cryptography;
using System.Text;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The secret printed on a citizen's receipt beside the dossier code. Codes are sequential and guessable; the public
/// side answers only to code and key together. Twelve characters from Crockford's base 32 (no I, L, O, U to misread):
/// 60 random bits, written XXXX-XXXX-XXXX.
/// </summary>
public static class LookupKeys
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 12;

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>As printed, in groups of four.</summary>
    public static string Format(string key) => key.Length == Length ? $"{key[..4]}-{key[4..8]}-{key[8..]}" : key;

    /// <summary>
    /// True when what the citizen typed is the dossier's key: case, spaces and dashes do not matter, and the comparison
    /// takes the same time wherever the first difference is.
    /// </summary>
    public static bool Matches(string? stored, string? given)
    {
        var typed = Encoding.ASCII.GetBytes(Normalize(given ?? ""));
        var expected = Encoding.ASCII.GetBytes(stored ?? "");
        return stored is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(typed, expected);
    }

    private static string Normalize(string given) =>
        new(given.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).Where(char.IsAscii).Take(64).ToArray());
}
