using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ProcedureCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BranchCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Locality = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    AgencyCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeLimit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AppointmentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OriginalAppointmentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClockPausedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApologizedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApologyReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AppointmentBeforeApology = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApplicantJson = table.Column<string>(type: "text", nullable: false),
                    DocumentsJson = table.Column<string>(type: "text", nullable: false),
                    MissingJson = table.Column<string>(type: "text", nullable: true),
                    SupplementRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DocumentsRequired = table.Column<int>(type: "integer", nullable: false),
                    DocumentsReused = table.Column<int>(type: "integer", nullable: false),
                    Digitized = table.Column<bool>(type: "boolean", nullable: false),
                    Delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FeeAmount = table.Column<decimal>(type: "numeric(18,0)", precision: 18, scale: 0, nullable: true),
                    FeePaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PaymentChannel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RefusalReasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StopReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_deadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossier_deadlines_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "handovers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Step = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StepName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FromParty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromActor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToParty = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StepDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Timing = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_handovers_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_deadlines_DossierId_Kind",
                table: "dossier_deadlines",
                columns: new[] { "DossierId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_deadlines_Recipient_State_RaisedAt",
                table: "dossier_deadlines",
                columns: new[] { "Recipient", "State", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_deadlines_State_DueAt",
                table: "dossier_deadlines",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_AgencyCode_Status_AppointmentAt",
                table: "dossiers",
                columns: new[] { "AgencyCode", "Status", "AppointmentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_BranchCode_ReceivedAt",
                table: "dossiers",
                columns: new[] { "BranchCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_CaseId",
                table: "dossiers",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_Code",
                table: "dossiers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_Status_AppointmentAt",
                table: "dossiers",
                columns: new[] { "Status", "AppointmentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_handovers_DossierId_Id",
                table: "handovers",
                columns: new[] { "DossierId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_deadlines");

            migrationBuilder.DropTable(
                name: "handovers");

            migrationBuilder.DropTable(
                name: "dossiers");
        }
    }
}
