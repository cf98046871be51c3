using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceptionNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MissingDocumentsJson",
                table: "dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StoppedAt",
                table: "dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplementOverrideBy",
                table: "dossiers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplementOverrideReason",
                table: "dossiers",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupplementRequests",
                table: "dossiers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SupplementRequestsAllowed",
                table: "dossiers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "dossiers",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawalRequestedAt",
                table: "dossiers",
                type: "TEXT",
                nullable: true);
            migrationBuilder.Sql(ReceptionNetworkData.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MissingDocumentsJson",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "StoppedAt",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "SupplementOverrideBy",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "SupplementOverrideReason",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "SupplementRequests",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "SupplementRequestsAllowed",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "WithdrawalRequestedAt",
                table: "dossiers");
        }
    }
}
