using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneStopRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Status_DueAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "cases");

            migrationBuilder.RenameColumn(
                name: "Agency",
                table: "tasks",
                newName: "CandidateGroup");

            migrationBuilder.RenameIndex(
                name: "IX_tasks_State_CandidateRole_Agency_Level_DueAt",
                table: "tasks",
                newName: "IX_tasks_State_CandidateRole_CandidateGroup_Level_DueAt");

            migrationBuilder.RenameColumn(
                name: "Code",
                table: "cases",
                newName: "BusinessKey");

            migrationBuilder.RenameIndex(
                name: "IX_cases_Code",
                table: "cases",
                newName: "IX_cases_BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Status",
                table: "cases",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Status",
                table: "cases");

            migrationBuilder.RenameColumn(
                name: "CandidateGroup",
                table: "tasks",
                newName: "Agency");

            migrationBuilder.RenameIndex(
                name: "IX_tasks_State_CandidateRole_CandidateGroup_Level_DueAt",
                table: "tasks",
                newName: "IX_tasks_State_CandidateRole_Agency_Level_DueAt");

            migrationBuilder.RenameColumn(
                name: "BusinessKey",
                table: "cases",
                newName: "Code");

            migrationBuilder.RenameIndex(
                name: "IX_cases_BusinessKey",
                table: "cases",
                newName: "IX_cases_Code");

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_Status_DueAt",
                table: "cases",
                columns: new[] { "Status", "DueAt" });
        }
    }
}
