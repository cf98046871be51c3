using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReceptionNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "BranchCode",
                table: "staff_users",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "BranchCode",
                table: "dossiers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissingDocumentsJson",
                table: "dossiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StoppedAt",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplementOverrideBy",
                table: "dossiers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplementOverrideReason",
                table: "dossiers",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupplementRequests",
                table: "dossiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SupplementRequestsAllowed",
                table: "dossiers",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "dossiers",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawalRequestedAt",
                table: "dossiers",
                type: "timestamp with time zone",
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

            migrationBuilder.AlterColumn<string>(
                name: "BranchCode",
                table: "staff_users",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "BranchCode",
                table: "dossiers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);
        }
    }
}
