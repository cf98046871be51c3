using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    DayOff = table.Column<bool>(type: "bit", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
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
