using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>
/// Where file contents live, named by their SHA-256 (lower-case hex): the same bytes are kept once, and a name says
/// what the bytes must hash to, so a changed file is detected. A put of bytes already kept does nothing.
/// </summary>
public interface IBlobStore
{
    /// <summary>"files" or "database", as configured and shown on /health.</summary>
    string Name { get; }

    /// <summary>Keeps the file at <paramref name="path"/> (already hashed to <paramref name="sha256"/>) under that name.</summary>
    Task PutAsync(string sha256, string path, CancellationToken cancellationToken);

    /// <summary>The contents, read as they are streamed; null when nothing is kept under the name.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>
/// Files under a folder (the embedded default, under the data folder; several nodes may share it as a mounted volume):
/// <c>ab/cd/abcd…</c>. A file is written under a temporary name and renamed, so a reader never sees half of one.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    public string Name => "files";

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    public async Task PutAsync(string sha256, string path, CancellationToken cancellationToken)
    {
        var target = PathOf(sha256);
        if (File.Exists(target))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.part";
        await using (var source = File.OpenRead(path))
        await using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await source.CopyToAsync(copy, cancellationToken);
            await copy.FlushAsync(cancellationToken);
            copy.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temporary); // another node kept the same bytes first
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(File.Exists(PathOf(sha256))
            ? new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null);
}

/// <summary>
/// Contents in the application's own database, in chunks of <see cref="ChunkBytes"/> (bytea on PostgreSQL), for
/// deployments that want one system to back up. A file's chunks are written in one transaction, one chunk in memory at a time.
/// </summary>
public sealed class DatabaseBlobStore(OneStopDbContext db) : IBlobStore
{
    public const int ChunkBytes = 1024 * 1024;

    public string Name => "database";

    public async Task PutAsync(string sha256, string path, CancellationToken cancellationToken)
    {
        if (await db.DocumentChunks.AnyAsync(c => c.Sha256 == sha256 && c.Index == 0, cancellationToken))
        {
            return;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var source = File.OpenRead(path);
            var buffer = new byte[ChunkBytes];
            for (var index = 0; ; index++)
            {
                var read = await source.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
                if (read == 0 && index > 0)
                {
                    break;
                }
                var chunk = new DocumentChunkRecord { Sha256 = sha256, Index = index, Bytes = buffer[..read] };
                db.DocumentChunks.Add(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(chunk).State = EntityState.Detached;
                if (read < ChunkBytes)
                {
                    break;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        });
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        var count = await db.DocumentChunks.CountAsync(c => c.Sha256 == sha256, cancellationToken);
        return count == 0 ? null : new ChunkStream(db, sha256, count);
    }

    /// <summary>Reads one chunk at a time, as the reader asks for bytes.</summary>
    private sealed class ChunkStream(OneStopDbContext db, string sha256, int chunks) : Stream
    {
        private byte[] current = [];
        private int offset;
        private int next;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int start, int count) => ReadAsync(buffer, start, count).GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (offset == current.Length)
            {
                if (next == chunks)
                {
                    return 0;
                }
                var index = next++;
                current = await db.DocumentChunks.AsNoTracking().Where(c => c.Sha256 == sha256 && c.Index == index).Select(c => c.Bytes)
                    .SingleAsync(cancellationToken);
                offset = 0;
            }
            var n = Math.Min(buffer.Length, current.Length - offset);
            current.AsMemory(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long position, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int start, int count) => throw new NotSupportedException();
    }
}
