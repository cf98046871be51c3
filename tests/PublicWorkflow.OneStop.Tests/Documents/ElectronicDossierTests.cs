using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Documents;

/// <summary>
/// The electronic dossier (issue 14) on the real runtime: files kept by hash in either store, checked by their bytes,
/// digitization from the files, the signed result, its public verification, and the integrity check.
/// </summary>
[TestFixture("sqlite", "files")]
[TestFixture("postgres", "files")]
[TestFixture("postgres", "database")]
public sealed class ElectronicDossierTests(string provider, string blobStore) : DossierSuite(provider)
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pwf-documents-" + Guid.NewGuid().ToString("N"));

    protected override void AddServices(IServiceCollection services)
    {
        var options = new DocumentOptions { Store = blobStore, Folder = folder, MaxFileBytes = 20L * 1024 * 1024, MaxDossierBytes = 30L * 1024 * 1024 };
        services.AddSingleton(options);
        if (blobStore == "files")
        {
            services.AddSingleton<IBlobStore>(new FileSystemBlobStore(folder));
        }
        else
        {
            services.AddScoped<IBlobStore, DatabaseBlobStore>();
        }
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_scan_is_kept_by_its_hash_read_back_whole_and_makes_the_dossier_digitized_until_retracted()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        Assert.That((await DossierAsync(outcome.DossierId.Value)).Digitized, Is.False, "nothing scanned yet");
        var pdf = OneStopSamples.Pdf("Tờ khai xác nhận tình trạng hôn nhân");

        var traversal = Assert.ThrowsAsync<RuntimeException>(() => UploadAsync(outcome.DossierId, "declaration", "../../etc/Tờ khai.pdf", pdf));
        Assert.That(traversal!.Field, Is.EqualTo("file"), "a name holding a path is refused");
        var file = await UploadAsync(outcome.DossierId, "declaration", "Tờ khai\u0000<1>.jpg", pdf);
        Assert.Multiple(async () =>
        {
            Assert.That(file.FileName, Is.EqualTo("Tờ khai1.pdf"), "no control or reserved characters; the extension of what it really is");
            Assert.That((file.ContentType, file.Size, file.Pages), Is.EqualTo(("application/pdf", (long)pdf.Length, (int?)1)));
            Assert.That(file.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))));
            Assert.That((await DossierAsync(outcome.DossierId.Value)).Digitized, Is.True, "every required component has a file");
        });
        var read = await Host.InScopeAsync(async p =>
        {
            var (_, content) = await p.GetRequiredService<DossierFiles>().OpenAsync(outcome.DossierId, file.Id, "officer", download: true);
            await using (content)
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy);
                return copy.ToArray();
            }
        });
        Assert.That(read, Is.EqualTo(pdf));
        var again = await UploadAsync(outcome.DossierId, "declaration", "copy.pdf", pdf);
        Assert.That(again.Sha256, Is.EqualTo(file.Sha256), "the same bytes are kept once, recorded twice");

        await Host.InScopeAsync(p => p.GetRequiredService<DossierFiles>().RetractAsync(outcome.DossierId, file.Id, "Quét nhầm trang", "clerk-cn01"));
        await Host.InScopeAsync(p => p.GetRequiredService<DossierFiles>().RetractAsync(outcome.DossierId, again.Id, "Bản trùng", "clerk-cn01"));
        var retracted = await DossierAsync(outcome.DossierId.Value);
        Assert.That(retracted.Digitized, Is.False, "a retracted file no longer counts");
        var kept = await Host.DbAsync(db => db.DossierFiles.AsNoTracking().Where(f => f.DossierId == outcome.DossierId.Value).ToListAsync());
        Assert.That(kept.Select(f => f.RetractionReason), Is.EquivalentTo(new[] { "Quét nhầm trang", "Bản trùng" }), "retracted, never deleted");
        var audit = await Host.DbAsync(db => db.FileAccess.AsNoTracking().Where(a => a.DossierId == outcome.DossierId.Value).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.That(audit, Is.EqualTo(new[] { "upload", "download", "upload", "retract", "retract" }));
    }

    [TestCase("exe", "only PDF, JPEG, PNG or TIFF")]
    [TestCase("empty", "empty")]
    [TestCase("polyglot-zip", "ZIP archive")]
    [TestCase("html-in-pdf", "web-page markup")]
    [TestCase("cut-jpeg", "end-of-image")]
    [TestCase("fake-pdf", "%%EOF")]
    public async Task A_file_that_is_not_a_clean_scan_is_refused_and_nothing_is_kept(string sample, string reason)
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var bytes = sample switch
        {
            "exe" => [(byte)'M', (byte)'Z', 0x90, 0, .. new byte[1000]],
            "empty" => [],
            "polyglot-zip" => [.. OneStopSamples.Jpeg(), .. "PK\u0003\u0004rest of a zip PK\u0005\u0006\0\0\0\0"u8.ToArray()],
            "html-in-pdf" => [.. "%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"u8.ToArray()],
            "cut-jpeg" => OneStopSamples.Jpeg()[..^2],
            _ => [.. "%PDF-1.7\nnot really a pdf"u8.ToArray()],
        };
        var refused = Assert.ThrowsAsync<RuntimeException>(() => UploadAsync(outcome.DossierId, "declaration", "scan.pdf", bytes));
        Assert.That((refused!.Kind, refused.Field), Is.EqualTo((RuntimeErrorKind.Invalid, "file")));
        Assert.That(refused.Message, Does.Contain(reason));
        Assert.That(await Host.DbAsync(db => db.DossierFiles.CountAsync(f => f.DossierId == outcome.DossierId.Value)), Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(folder, ".incoming")) ? Directory.GetFiles(Path.Combine(folder, ".incoming")) : [], Is.Empty, "no staging file left");
    }

    [Test]
    public async Task A_file_over_the_limit_is_refused_while_it_streams()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var large = new byte[30 * 1024 * 1024];
        OneStopSamples.Pdf("x").CopyTo(large, 0);
        var tooLarge = Assert.ThrowsAsync<RuntimeException>(() => UploadAsync(outcome.DossierId, "declaration", "big.pdf", large));
        Assert.That(tooLarge!.Kind, Is.EqualTo(RuntimeErrorKind.TooLarge));
        var unknownComponent = Assert.ThrowsAsync<RuntimeException>(() => UploadAsync(outcome.DossierId, "passport", "p.pdf", OneStopSamples.Pdf("p")));
        Assert.That(unknownComponent!.Field, Is.EqualTo("component"));
    }

    [Test]
    public async Task A_granted_dossier_gets_a_signed_result_that_verifies_and_a_changed_byte_shows_as_altered()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "approve" }, "officer");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 6, 11), null, "chairman");
        await Host.InScopeAsync(p => p.GetRequiredService<ElectronicResults>().RunDueAsync(Hanoi(2026, 10, 6, 11, 1)));
        await Host.InScopeAsync(p => p.GetRequiredService<ElectronicResults>().RunDueAsync(Hanoi(2026, 10, 6, 11, 2)));

        var result = await Host.DbAsync(db => db.DossierResults.AsNoTracking().SingleAsync(r => r.DossierId == outcome.DossierId.Value));
        Assert.That(result.Number, Is.EqualTo("00001/2026/KQ-UB.P.HOANKIEM"), "the agency's register, once");
        var pdf = await Host.InScopeAsync(async p =>
        {
            var (_, content) = await p.GetRequiredService<DossierFiles>().OpenAsync(outcome.DossierId, result.FileId, "clerk-cn01", download: true);
            await using (content)
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy);
                return copy.ToArray();
            }
        });
        var thumbprint = await Host.InScopeAsync(p => Task.FromResult(p.GetRequiredService<SigningCertificate>().Certificate.Thumbprint));
        Assert.That(PdfSignatures.Verify(pdf, thumbprint), Is.True, "the embedded signature verifies");
        Assert.That(Text(pdf), Does.Contain("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH").And.Contain(outcome.Code!).And.Contain("Cấp Giấy xác nhận tình trạng hôn nhân"),
            "Vietnamese text with its marks, as extracted from the PDF");
        Assert.That(QrText(pdf), Is.EqualTo($"http://127.0.0.1:5080/verify.html?number={Uri.EscapeDataString(result.Number)}"));

        var verify = (Func<ResultVerification, Task<Verification>> check) => Host.InScopeAsync(p => check(p.GetRequiredService<ResultVerification>()));
        Assert.That((await verify(v => v.ByFileAsync(pdf))).Status, Is.EqualTo(VerificationStatus.Valid));
        var altered = (byte[])pdf.Clone();
        var at = Encoding.Latin1.GetString(altered).IndexOf("/Title", StringComparison.Ordinal) + 10;
        altered[at] ^= 0x01;
        var changed = await verify(v => v.ByFileAsync(altered));
        Assert.That((changed.Status, changed.Number), Is.EqualTo((VerificationStatus.Altered, result.Number)));
        Assert.That(PdfSignatures.Verify(altered, thumbprint), Is.False);
        Assert.That((await verify(v => v.ByFileAsync(OneStopSamples.Pdf("not ours")))).Status, Is.EqualTo(VerificationStatus.Unknown));
        var byNumber = await verify(v => v.ByNumberAsync(result.Number));
        Assert.That((byNumber.Status, byNumber.AgencyCode, byNumber.ProcedureCode), Is.EqualTo((VerificationStatus.Valid, "UB.P.HOANKIEM", "1.004873")));
        Assert.That((await verify(v => v.ByNumberAsync("99999/2026/KQ-NOPE"))).Status, Is.EqualTo(VerificationStatus.Unknown));
    }

    /// <summary>A workflow's own issue step (construction.issue-permit…) issues the result at once and finds it again when run twice.</summary>
    [Test]
    public async Task An_issue_step_issues_the_signed_result_itself_and_a_repeat_finds_the_same_number()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "approve" }, "officer");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 6, 11), null, "chairman");
        var context = new Runtime.Handlers.HandlerContext(caseId, "a1", "Service_IssuePermit", "construction.issue-permit", new Dictionary<string, System.Text.Json.JsonElement>());
        var issue = () => Host.InScopeAsync(p => p.GetServices<Runtime.Handlers.IServiceHandler>().OfType<IssueResultHandler>().Single().HandleAsync(context, CancellationToken.None));
        var first = await issue();
        var again = await issue();
        Assert.That(first["resultNumber"].GetString(), Is.EqualTo("00001/2026/KQ-UB.P.HOANKIEM"));
        Assert.That(again["resultNumber"].GetString(), Is.EqualTo(first["resultNumber"].GetString()), "the register is drawn once");
        Assert.That(await Host.DbAsync(db => db.DossierResults.CountAsync(r => r.DossierId == outcome.DossierId.Value)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_integrity_check_finds_a_file_changed_or_lost_behind_the_system_s_back()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var file = await UploadAsync(outcome.DossierId, "declaration", "a.pdf", OneStopSamples.Pdf($"integrity {Guid.NewGuid()}"));
        var clean = await Host.InScopeAsync(p => p.GetRequiredService<FileIntegrity>().CheckAsync(Hanoi(2026, 10, 5, 12)));
        Assert.That((clean.Missing, clean.Altered), Is.EqualTo((0, 0)));
        if (blobStore == "files")
        {
            var path = new FileSystemBlobStore(folder).PathOf(file.Sha256);
            await File.WriteAllBytesAsync(path, OneStopSamples.Pdf("swapped"));
        }
        else
        {
            await Host.DbAsync(db => db.Database.ExecuteSqlRawAsync($"UPDATE document_chunks SET \"Bytes\" = {Bytea()} WHERE \"Sha256\" = '{file.Sha256}'"));
        }
        var found = await Host.InScopeAsync(p => p.GetRequiredService<FileIntegrity>().CheckAsync(Hanoi(2026, 10, 5, 13)));
        Assert.That(found.Altered, Is.EqualTo(1));
        Assert.That(found.Detail, Does.Contain($"{file.Sha256}: altered"));
        Assert.That((await Host.InScopeAsync(p => p.GetRequiredService<FileIntegrity>().LastAsync()))!.Id, Is.EqualTo(found.Id));
    }

    private string Bytea() => provider == "postgres" ? "'\\x00'::bytea" : "X'00'";

    private Task<DossierFileRecord> UploadAsync(DossierId dossier, string component, string name, byte[] bytes) =>
        Host.InScopeAsync(p => p.GetRequiredService<DossierFiles>().UploadAsync(dossier, component, name, new MemoryStream(bytes), "clerk-cn01"));

    private static string Text(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>Decodes the result's QR code from the image embedded in the PDF.</summary>
    private static string QrText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var image = document.GetPage(1).GetImages().Single();
        Assert.That(image.TryGetBytesAsMemory(out var raw), Is.True, "the QR image's pixels");
        var (width, height) = (image.WidthInSamples, image.HeightInSamples);
        var rgb = raw.ToArray();
        var source = new ZXing.RGBLuminanceSource(rgb, width, height, rgb.Length == width * height ? ZXing.RGBLuminanceSource.BitmapFormat.Gray8
            : ZXing.RGBLuminanceSource.BitmapFormat.RGB24);
        var decoded = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
        return decoded?.Text ?? "";
    }
}
