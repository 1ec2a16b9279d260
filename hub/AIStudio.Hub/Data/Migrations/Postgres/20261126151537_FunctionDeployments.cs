using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AIStudio.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FunctionDeployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "DeploymentVersions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "onnx");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "DeploymentVersions");
        }
    }
}
