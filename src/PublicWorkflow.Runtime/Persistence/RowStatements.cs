using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>One SQL statement with its values; a guarded one must change exactly one row or the whole write is a conflict.</summary>
internal sealed record Statement(string Sql, IReadOnlyList<StatementValue> Values, bool Guarded);

/// <summary>A parameter's value with the mapping EF stores it with (its converter, e.g. enums as text and instants as UTC).</summary>
internal sealed record StatementValue(string Name, RelationalTypeMapping Mapping, object? Value)
{
    public DbParameter CreateParameter(DbCommand factory) => Mapping.CreateParameter(factory, Name, Value, nullable: true);
}

/// <summary>
/// SQL for rows, generated from the EF model (table and column names, keys, concurrency tokens, value conversions), so a
/// command's rows of every layer are written by one mechanism in one batch, and no column list repeats the mapping by
/// hand. Statement texts are built once per shape and reused: PostgreSQL then prepares each shape once.
/// </summary>
internal sealed class RowStatements(DbContext db)
{
    private static readonly ConcurrentDictionary<(IModel, Type), TableShape> Shapes = new();

    private static readonly ConcurrentDictionary<(IModel, Type, string), string> Updates = new();

    private readonly ISqlGenerationHelper sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>Inserts the whole row; a key the database generates (an identity column) is left to it.</summary>
    public Statement Insert(object entity, bool guarded = false)
    {
        var shape = Shape(entity.GetType());
        var columns = shape.Columns.Where(c => !c.Generated).ToList();
        var text = shape.InsertSql ??= $"INSERT INTO {shape.Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        return new Statement(text, columns.Select((c, i) => new StatementValue($"@p{i}", c.Mapping, c.Property.GetGetter().GetClrValueUsingContainingEntity(entity))).ToList(), guarded);
    }

    /// <summary>Inserts many rows of one type, as few statements as the parameter budget allows (several rows' VALUES each).</summary>
    public IEnumerable<Statement> InsertMany<T>(IReadOnlyCollection<T> entities, int maxParameters) where T : class
    {
        var shape = Shape(typeof(T));
        var columns = shape.Columns.Where(c => !c.Generated).ToList();
        foreach (var chunk in entities.Chunk(Math.Max(1, maxParameters / columns.Count)))
        {
            var values = new List<StatementValue>(chunk.Length * columns.Count);
            var rows = chunk.Select(entity => "(" + string.Join(", ", columns.Select(c =>
            {
                var name = $"@p{values.Count}";
                values.Add(new StatementValue(name, c.Mapping, c.Property.GetGetter().GetClrValueUsingContainingEntity(entity)));
                return name;
            })) + ")");
            var text = $"INSERT INTO {shape.Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES {string.Join(", ", rows)}";
            yield return new Statement(text, values, Guarded: false);
        }
    }

    /// <summary>
    /// Sets <paramref name="set"/> (and adds one to each <paramref name="increment"/> column) where the key is the row's and
    /// every <paramref name="where"/> column still has the given (original) value: guarded, a row changed meanwhile makes
    /// the write a conflict.
    /// </summary>
    public Statement Update(Type entityType, IReadOnlyList<(string Property, object? Value)> set, IReadOnlyList<(string Property, object? Value)> where, bool guarded,
        IReadOnlyList<string>? increment = null)
    {
        var shape = Shape(entityType);
        increment ??= [];
        var signature = string.Join(",", set.Select(s => s.Property)) + "|" + string.Join(",", where.Select(w => w.Property)) + "|" + string.Join(",", increment);
        var text = Updates.GetOrAdd((db.Model, entityType, signature), _ =>
            $"UPDATE {shape.Table} SET {string.Join(", ", set.Select((s, i) => $"{shape.Column(s.Property).Name} = @p{i}")
                .Concat(increment.Select(p => $"{shape.Column(p).Name} = {shape.Column(p).Name} + 1")))} " +
            $"WHERE {string.Join(" AND ", where.Select((w, i) => $"{shape.Column(w.Property).Name} = @p{set.Count + i}"))}");
        var values = set.Concat(where).Select((v, i) => new StatementValue($"@p{i}", shape.Column(v.Property).Mapping, v.Value)).ToList();
        return new Statement(text, values, guarded);
    }

    /// <summary>
    /// What the unit of work tracks (rows a hook added or changed through EF), as statements: inserts, and updates of the
    /// changed columns guarded by the key and the concurrency tokens' original values. A row comes after the rows its
    /// foreign keys point to (a dossier before its deadlines), as SaveChanges would order them.
    /// </summary>
    public IEnumerable<Statement> Tracked()
    {
        foreach (var entry in db.ChangeTracker.Entries().OrderBy(e => Depth(e.Metadata)))
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    yield return Insert(entry.Entity);
                    break;
                case EntityState.Modified:
                    var changed = entry.Properties.Where(p => p.IsModified).Select(p => (p.Metadata.Name, p.CurrentValue)).ToList();
                    yield return Update(entry.Metadata.ClrType, changed, Guards(entry), guarded: true);
                    break;
                case EntityState.Deleted:
                    var shape = Shape(entry.Metadata.ClrType);
                    var where = Guards(entry);
                    yield return new Statement($"DELETE FROM {shape.Table} WHERE {string.Join(" AND ", where.Select((w, i) => $"{shape.Column(w.Property).Name} = @p{i}"))}",
                        where.Select((w, i) => new StatementValue($"@p{i}", shape.Column(w.Property).Mapping, w.Value)).ToList(), Guarded: true);
                    break;
            }
        }
    }

    /// <summary>After the commit: the tracked rows are what the database holds; rows whose key the database made are let go.</summary>
    public void Accept()
    {
        var generated = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Properties.Any(p => p.IsTemporary)).ToList();
        foreach (var entry in generated)
        {
            entry.State = EntityState.Detached;
        }
        db.ChangeTracker.AcceptAllChanges();
    }

    private static readonly ConcurrentDictionary<IEntityType, int> Depths = new();

    /// <summary>How many foreign keys deep a type is: 0 for a type that points to no other, 1 + the deepest it points to otherwise.</summary>
    private static int Depth(IEntityType type) => Depths.GetOrAdd(type, t =>
        t.GetForeignKeys().Where(k => k.PrincipalEntityType != t).Select(k => Depth(k.PrincipalEntityType) + 1).DefaultIfEmpty(0).Max());

    private static List<(string Property, object? Value)> Guards(EntityEntry entry) =>
        entry.Properties.Where(p => p.Metadata.IsPrimaryKey() || p.Metadata.IsConcurrencyToken)
            .Select(p => (p.Metadata.Name, p.OriginalValue)).ToList();

    private TableShape Shape(Type clrType) => Shapes.GetOrAdd((db.Model, clrType), key =>
    {
        var type = key.Item1.FindEntityType(key.Item2) ?? throw new InvalidOperationException($"{key.Item2.Name} is not part of the model");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Select(p => new TableColumn(p, sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(),
            p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType != typeof(Guid))).ToList();
        return new TableShape(sql.DelimitIdentifier(table.Name, table.Schema), columns);
    });

    private sealed record TableColumn(IProperty Property, string Name, RelationalTypeMapping Mapping, bool Generated);

    private sealed class TableShape(string table, List<TableColumn> columns)
    {
        private readonly Dictionary<string, TableColumn> byProperty = columns.ToDictionary(c => c.Property.Name);

        public string Table { get; } = table;
        public List<TableColumn> Columns { get; } = columns;
        public string? InsertSql { get; set; }

        public TableColumn Column(string property) => byProperty[property];
    }
}
