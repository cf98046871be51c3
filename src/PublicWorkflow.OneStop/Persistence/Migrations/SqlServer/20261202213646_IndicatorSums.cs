using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DossierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    FoldedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_sums",
                columns: table => new
                {
                    Dimension = table.Column<int>(type: "int", nullable: false),
                    Span = table.Column<int>(type: "int", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Received = table.Column<int>(type: "int", nullable: false),
                    Accepted = table.Column<int>(type: "int", nullable: false),
                    Resolved = table.Column<int>(type: "int", nullable: false),
                    Finished = table.Column<int>(type: "int", nullable: false),
                    OnTime = table.Column<int>(type: "int", nullable: false),
                    ResolvedByAppointment = table.Column<int>(type: "int", nullable: false),
                    PendingNotOverdue = table.Column<int>(type: "int", nullable: false),
                    Online = table.Column<int>(type: "int", nullable: false),
                    Granted = table.Column<int>(type: "int", nullable: false),
                    GrantedDigitizedWithResult = table.Column<int>(type: "int", nullable: false),
                    GrantedWithResult = table.Column<int>(type: "int", nullable: false),
                    Digitized = table.Column<int>(type: "int", nullable: false),
                    Reused = table.Column<int>(type: "int", nullable: false),
                    FeeBearing = table.Column<int>(type: "int", nullable: false),
                    FeeBearingPaidOnline = table.Column<int>(type: "int", nullable: false),
                    Rated = table.Column<int>(type: "int", nullable: false),
                    RatedHigh = table.Column<int>(type: "int", nullable: false),
                    Disliked = table.Column<int>(type: "int", nullable: false),
                    WorkingDays = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_sums", x => new { x.Dimension, x.Span, x.Start, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "indicator_tallies",
                columns: table => new
                {
                    DossierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyCode = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    Level = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    BranchCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ProcedureCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Counted = table.Column<int>(type: "int", nullable: false),
                    WorkingDays = table.Column<int>(type: "int", nullable: false)
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
