using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicWorkflow.OneStop.Persistence;

// Used only by `dotnet dotnet-ef migrations add`: the connection strings are never opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOneStopDbContext>
{
    public SqliteOneStopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOneStopDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOneStopDbContext>
{
    public PostgresOneStopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOneStopDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerOneStopDbContext>
{
    public SqlServerOneStopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerOneStopDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=true").Options);
}
