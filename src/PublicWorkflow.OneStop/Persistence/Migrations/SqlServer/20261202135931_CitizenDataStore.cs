using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CitizenDataStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicantIdNumber",
                table: "dossiers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_ApplicantIdNumber",
                table: "dossiers",
                column: "ApplicantIdNumber");
            // Dossiers received before: their applicant's ID number, so their results and files join the citizen's data store.
            migrationBuilder.Sql("UPDATE [dossiers] SET [ApplicantIdNumber] = JSON_VALUE([ApplicantJson], '$.idNumber') WHERE ISJSON([ApplicantJson]) = 1 AND LEN(JSON_VALUE([ApplicantJson], '$.idNumber')) IN (9, 12);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossiers_ApplicantIdNumber",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ApplicantIdNumber",
                table: "dossiers");
        }
    }
}
