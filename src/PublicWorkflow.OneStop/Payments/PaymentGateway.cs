using System.Net.Http.Json;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Payments;

/// <summary>A charge of a dossier's fee: the order is the dossier's id, so a retried charge is the same order at the gateway.</summary>
public sealed record PaymentOrder(Guid OrderId, string DossierCode, decimal Amount, string Description);

/// <summary>The gateway's answer: approved with its transaction reference, or declined with its reason.</summary>
public sealed record PaymentReceipt(bool Approved, string? Reference, string? DeclineReason, bool IsFake);

/// <summary>The payment gateway an online fee is paid through (the national platform's payment service, a bank…).</summary>
public interface IPaymentGateway
{
    Task<PaymentReceipt> ChargeAsync(PaymentOrder order, CancellationToken cancellationToken);
}

public sealed class PaymentOptions
{
    public const string Section = "PublicWorkflow:Payments";

    /// <summary>The gateway's charge address, e.g. https://pay.example.gov.vn/api/charges ; empty for the stand-in.</summary>
    public string GatewayUrl { get; set; } = "";

    /// <summary>The key the gateway expects in X-Api-Key.</summary>
    public string ApiKey { get; set; } = "";

    public double TimeoutSeconds { get; set; } = 20;
}

/// <summary>
/// The gateway over HTTP: <c>POST {url}</c> with <c>{ orderId, dossierCode, amount, currency, description }</c> and the key in
/// <c>X-Api-Key</c>; 200 with <c>{ status: "approved"|"declined", reference, reason }</c>. The order id makes a retry idempotent there.
/// </summary>
public sealed class HttpPaymentGateway(HttpClient http, PaymentOptions options) : IPaymentGateway
{
    private sealed record Answer(string? Status, string? Reference, string? Reason);

    public async Task<PaymentReceipt> ChargeAsync(PaymentOrder order, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.GatewayUrl)
        {
            Content = JsonContent.Create(new { orderId = order.OrderId, order.DossierCode, order.Amount, currency = "VND", order.Description }),
        };
        request.Headers.Add("X-Api-Key", options.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Answer>(cancellationToken) : null;
            return answer switch
            {
                { Status: "approved", Reference: { Length: > 0 and <= 100 } reference } => new PaymentReceipt(true, reference, null, false),
                { Status: "declined" } => new PaymentReceipt(false, null, Trim(answer.Reason) ?? "declined", false),
                _ => throw Unavailable(),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable();
        }
    }

    private static string? Trim(string? text) => text is { Length: > 200 } ? text[..200] : text;

    private static RuntimeException Unavailable() =>
        new(RuntimeErrorKind.Conflict, "payment-gateway-unavailable", "the payment gateway did not answer: nothing was charged, try again / cổng thanh toán chưa phản hồi");
}

/// <summary>
/// The embedded default and the tests' stand-in: approves every order with a reference labelled FAKE, except amounts ending
/// in 13 VND, which it declines (to exercise a refusal). No money moves; the dossier shows the reference is simulated.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    public const string ReferencePrefix = "FAKE-PAY-";

    public Task<PaymentReceipt> ChargeAsync(PaymentOrder order, CancellationToken cancellationToken) =>
        Task.FromResult(order.Amount % 100 == 13
            ? new PaymentReceipt(false, null, "declined by the stand-in gateway (amount ending in 13) / cổng giả lập từ chối", true)
            : new PaymentReceipt(true, ReferencePrefix + order.OrderId.ToString("N")[..12].ToUpperInvariant(), null, true));
}
