using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indicator_marks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FoldedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_sums",
                columns: table => new
                {
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Span = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    Finished = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedByAppointment = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingNotOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    Online = table.Column<int>(type: "INTEGER", nullable: false),
                    Granted = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedDigitizedWithResult = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedWithResult = table.Column<int>(type: "INTEGER", nullable: false),
                    Digitized = table.Column<int>(type: "INTEGER", nullable: false),
                    Reused = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeBearing = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeBearingPaidOnline = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated = table.Column<int>(type: "INTEGER", nullable: false),
                    RatedHigh = table.Column<int>(type: "INTEGER", nullable: false),
                    Disliked = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingDays = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_sums", x => new { x.Dimension, x.Span, x.Start, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "indicator_tallies",
                columns: table => new
                {
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    BranchCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Counted = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_tallies", x => x.DossierId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_DossierId",
                table: "feedback_items",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_indicator_tallies_Day",
                table: "indicator_tallies",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_marks");

            migrationBuilder.DropTable(
                name: "indicator_state");

            migrationBuilder.DropTable(
                name: "indicator_sums");

            migrationBuilder.DropTable(
                name: "indicator_tallies");

            migrationBuilder.DropIndex(
                name: "IX_feedback_items_DossierId",
                table: "feedback_items");
        }
    }
}
