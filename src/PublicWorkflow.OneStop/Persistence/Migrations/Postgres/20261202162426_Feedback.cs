using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Secret = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PartnerId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PartnerItemId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CitizenAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: true),
                    DossierCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    AgencyCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DuplicateKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Repeats = table.Column<int>(type: "integer", nullable: false),
                    RefusalReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MoreInfoRequest = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Answer = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedQuestion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StageEscalated = table.Column<bool>(type: "boolean", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    SatisfactionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AttachmentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AttachmentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AttachmentType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Score = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_answers_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_AgencyCode_ReceivedAt",
                table: "feedback_items",
                columns: new[] { "AgencyCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_CaseId",
                table: "feedback_items",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_Code",
                table: "feedback_items",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_DuplicateKey_ReceivedAt",
                table: "feedback_items",
                columns: new[] { "DuplicateKey", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_PartnerId_PartnerItemId",
                table: "feedback_items",
                columns: new[] { "PartnerId", "PartnerItemId" },
                unique: true,
                filter: "\"PartnerItemId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_PublishedAt",
                table: "feedback_items",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_Status_DueAt",
                table: "feedback_items",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_answers_AnsweredAt",
                table: "survey_answers",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_survey_answers_DossierId",
                table: "survey_answers",
                column: "DossierId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_items");

            migrationBuilder.DropTable(
                name: "survey_answers");
        }
    }
}
