using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CitizenAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "DossierId",
                table: "messages",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "CitizenAccountId",
                table: "messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CitizenAccountId",
                table: "dossiers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentReference",
                table: "dossiers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "citizen_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactVerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PersonalId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PersonalIdVerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExternalIssuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ExternalSubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    FailedSignIns = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "personal_data_access",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonalId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_data_access", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "citizen_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_citizen_codes_citizen_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "citizen_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_messages_CitizenAccountId",
                table: "messages",
                column: "CitizenAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_CitizenAccountId_ReceivedAt",
                table: "dossiers",
                columns: new[] { "CitizenAccountId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_citizen_accounts_Email",
                table: "citizen_accounts",
                column: "Email",
                unique: true,
                filter: "\"Email\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_citizen_accounts_ExternalIssuer_ExternalSubject",
                table: "citizen_accounts",
                columns: new[] { "ExternalIssuer", "ExternalSubject" },
                unique: true,
                filter: "\"ExternalSubject\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_citizen_accounts_PersonalId",
                table: "citizen_accounts",
                column: "PersonalId",
                unique: true,
                filter: "\"PersonalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_citizen_accounts_Phone",
                table: "citizen_accounts",
                column: "Phone",
                unique: true,
                filter: "\"Phone\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_citizen_codes_AccountId_Purpose",
                table: "citizen_codes",
                columns: new[] { "AccountId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_personal_data_access_DossierId",
                table: "personal_data_access",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_personal_data_access_PersonalId",
                table: "personal_data_access",
                column: "PersonalId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "citizen_codes");

            migrationBuilder.DropTable(
                name: "personal_data_access");

            migrationBuilder.DropTable(
                name: "citizen_accounts");

            migrationBuilder.DropIndex(
                name: "IX_messages_CitizenAccountId",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_CitizenAccountId_ReceivedAt",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "CitizenAccountId",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "CitizenAccountId",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "PaymentReference",
                table: "dossiers");

            migrationBuilder.AlterColumn<Guid>(
                name: "DossierId",
                table: "messages",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
