using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendarDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DayOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_decisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_decisions_Date_Id",
                table: "calendar_decisions",
                columns: new[] { "Date", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_decisions");
        }
    }
}
