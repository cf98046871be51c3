using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.Runtime.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "staff_users",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "staff_users",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PasswordChangedAt",
                table: "staff_users",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "staff_users",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LookupKey",
                table: "dossiers",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "definitions",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);
            // Dossiers accepted before public lookups needed a secret get one (their receipts can be printed again), and
            // every account a security stamp, so tokens issued before it are no longer accepted.
            migrationBuilder.Sql("UPDATE [dossiers] SET [LookupKey] = UPPER(LEFT(REPLACE(CONVERT(varchar(36), NEWID()), '-', ''), 12)) WHERE [Code] IS NOT NULL;");
            migrationBuilder.Sql("UPDATE [staff_users] SET [SecurityStamp] = LOWER(REPLACE(CONVERT(varchar(36), NEWID()), '-', ''));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "PasswordChangedAt",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "LookupKey",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "definitions");
        }
    }
}
