using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.Runtime.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "staff_users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PasswordChangedAt",
                table: "staff_users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "staff_users",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LookupKey",
                table: "dossiers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "definitions",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
            // Dossiers accepted before public lookups needed a secret get one (their receipts can be printed again), and
            // every account a security stamp, so tokens issued before it are no longer accepted.
            migrationBuilder.Sql("UPDATE \"dossiers\" SET \"LookupKey\" = upper(hex(randomblob(6))) WHERE \"Code\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"staff_users\" SET \"SecurityStamp\" = lower(hex(randomblob(16)));");
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
