using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Citizens;

/// <summary>What a citizen signs in with: an e-mail address (lower-case) or a Vietnamese phone number (10 digits from 0).</summary>
public sealed record CitizenContact(string? Email, string? Phone)
{
    public string Channel => Email is not null ? "email" : "sms";

    public string Address => Email ?? Phone!;

    /// <summary>The contact as typed, normalized; a clear error naming <paramref name="field"/> otherwise.</summary>
    public static CitizenContact Parse(string? typed, string field = "contact")
    {
        var text = typed?.Trim() ?? "";
        if (text.Length is 0 or > 200)
        {
            throw RuntimeException.Invalid(field, "an e-mail address or a phone number is required / cần thư điện tử hoặc số điện thoại");
        }
        if (text.Contains('@'))
        {
            return MimeKit.MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address == text && !text.Contains(' ')
                ? new CitizenContact(text.ToLowerInvariant(), null)
                : throw RuntimeException.Invalid(field, "not an e-mail address / thư điện tử không hợp lệ");
        }
        var digits = new string(text.Where(c => c is not (' ' or '.' or '-')).ToArray());
        if (digits.StartsWith("+84", StringComparison.Ordinal))
        {
            digits = "0" + digits[3..];
        }
        return digits.Length == 10 && digits[0] == '0' && digits.All(char.IsAsciiDigit)
            ? new CitizenContact(null, digits)
            : throw RuntimeException.Invalid(field, "a phone number has 10 digits from 0 (or +84…) / số điện thoại gồm 10 chữ số");
    }
}
