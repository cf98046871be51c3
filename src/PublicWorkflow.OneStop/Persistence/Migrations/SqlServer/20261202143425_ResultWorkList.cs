using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResultWorkList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ResultDue",
                table: "dossiers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_ResultDue",
                table: "dossiers",
                column: "ResultDue");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossiers_ResultDue",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ResultDue",
                table: "dossiers");
        }
    }
}
