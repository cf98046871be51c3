using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;

namespace PublicWorkflow.OneStop.Results;

/// <summary>
/// Checks a PDF's embedded detached CMS signature: the signed byte range must cover the whole file except the
/// signature's own slot, the digest must match those bytes, and the signer must be the certificate expected.
/// </summary>
public static partial class PdfSignatures
{
    public static bool Verify(byte[] pdf, string expectedThumbprint)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var ranges = ByteRange().Matches(text);
        if (ranges.Count != 1)
        {
            return false; // none, or a second signature appended later
        }
        var r = ranges[0].Groups.Values.Skip(1).Select(g => long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (start1, length1, start2, length2) = (r[0], r[1], r[2], r[3]);
        if (start1 != 0 || start2 + length2 != pdf.Length || start2 <= length1 || length1 < 1)
        {
            return false; // the signed ranges do not cover the file: bytes were added or the slot moved
        }
        var slot = text[(int)length1..(int)start2].Trim('<', '>', ' ');
        try
        {
            var signature = WithoutPadding(Convert.FromHexString(slot));
            var signed = new byte[length1 + length2];
            Array.Copy(pdf, 0, signed, 0, length1);
            Array.Copy(pdf, start2, signed, length1, length2);
            var cms = new SignedCms(new ContentInfo(signed), detached: true);
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);
            return cms.SignerInfos.Count == 1 && string.Equals(cms.SignerInfos[0].Certificate?.Thumbprint, expectedThumbprint, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The slot is zero-padded after the DER-encoded signature: cut it at the length its header gives.</summary>
    private static byte[] WithoutPadding(byte[] slot)
    {
        if (slot.Length < 2 || slot[0] != 0x30)
        {
            throw new FormatException("not a DER sequence");
        }
        if (slot[1] < 0x80)
        {
            return slot[..(2 + slot[1])];
        }
        var octets = slot[1] & 0x7F;
        if (octets is < 1 or > 4 || slot.Length < 2 + octets)
        {
            throw new FormatException("bad DER length");
        }
        var length = 0L;
        for (var i = 0; i < octets; i++)
        {
            length = (length << 8) | slot[2 + i];
        }
        return 2 + octets + length <= slot.Length ? slot[..(int)(2 + octets + length)] : throw new FormatException("DER longer than its slot");
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();
}
