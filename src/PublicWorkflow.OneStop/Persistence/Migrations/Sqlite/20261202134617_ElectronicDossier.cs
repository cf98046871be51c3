using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicWorkflow.OneStop.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ElectronicDossier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "dossiers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_chunks",
                columns: table => new
                {
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_chunks", x => new { x.Sha256, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "dossier_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Pages = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReusedFrom = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetractedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetractedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RetractionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossier_files_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dossier_results",
                columns: table => new
                {
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_results", x => x.DossierId);
                    table.ForeignKey(
                        name: "FK_dossier_results_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "file_access",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_file_access", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "file_checks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Files = table.Column<int>(type: "INTEGER", nullable: false),
                    Missing = table.Column<int>(type: "INTEGER", nullable: false),
                    Altered = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_file_checks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_files_DossierId_Component",
                table: "dossier_files",
                columns: new[] { "DossierId", "Component" });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_files_Sha256",
                table: "dossier_files",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_dossier_results_Number",
                table: "dossier_results",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossier_results_Sha256",
                table: "dossier_results",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_file_access_DossierId_At",
                table: "file_access",
                columns: new[] { "DossierId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_chunks");

            migrationBuilder.DropTable(
                name: "dossier_files");

            migrationBuilder.DropTable(
                name: "dossier_results");

            migrationBuilder.DropTable(
                name: "file_access");

            migrationBuilder.DropTable(
                name: "file_checks");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "dossiers");
        }
    }
}
