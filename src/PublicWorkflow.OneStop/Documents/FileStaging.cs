using System.Security.Cryptography;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>An upload copied to a staging file: where, its hash and size, what its bytes proved it is, its pages.</summary>
public sealed record StagedFile(string Path, string Sha256, long Size, FileKind Kind, int? Pages);

/// <summary>
/// How every upload enters the document store, whoever sends it (a dossier's component, a feedback attachment): streamed
/// to a staging file while hashed and counted, refused the moment a limit is passed, then checked by its bytes.
/// </summary>
public static class FileStaging
{

    /// <summary>Copies the upload to a staging file, hashing and counting as it goes; refuses it the moment a limit is passed.</summary>
    public static async Task<StagedFile> StageAsync(DocumentOptions options, Stream content, long dossierRoom, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.Folder, ".incoming");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > options.MaxFileBytes)
                    {
                        throw RuntimeException.TooLarge("file", $"a file may hold at most {options.MaxFileBytes / (1024 * 1024)} MB / tệp tối đa {options.MaxFileBytes / (1024 * 1024)} MB");
                    }
                    if (size > dossierRoom)
                    {
                        throw RuntimeException.TooLarge("file", $"the dossier's files may hold at most {options.MaxDossierBytes / (1024 * 1024)} MB together / tổng dung lượng hồ sơ vượt giới hạn");
                    }
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (size == 0)
            {
                throw RuntimeException.Invalid("file", "the file is empty / tệp rỗng");
            }
            var (kind, pages) = Inspect(path, size);
            return new StagedFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size, kind, pages);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The file's kind by its bytes, refused unless it is a clean PDF, JPEG, PNG or TIFF; a PDF's pages are counted.</summary>
    private static (FileKind Kind, int? Pages) Inspect(string path, long size)
    {
        using var file = File.OpenRead(path);
        var head = new byte[(int)Math.Min(size, FileKinds.Window)];
        file.ReadExactly(head);
        var tail = new byte[(int)Math.Min(size, FileKinds.Window)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var kind = FileKinds.Detect(head)
            ?? throw RuntimeException.Invalid("file", "only PDF, JPEG, PNG or TIFF files are accepted, recognised by their contents / chỉ nhận tệp PDF, JPEG, PNG, TIFF");
        if (FileKinds.Problem(kind, head, tail) is { } problem)
        {
            throw RuntimeException.Invalid("file", problem);
        }
        if (kind != FileKind.Pdf)
        {
            return (kind, null);
        }
        try
        {
            file.Seek(0, SeekOrigin.Begin);
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(file);
            return (kind, pdf.NumberOfPages);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw RuntimeException.Invalid("file", "the PDF cannot be read / tệp PDF bị hỏng");
        }
    }
}
