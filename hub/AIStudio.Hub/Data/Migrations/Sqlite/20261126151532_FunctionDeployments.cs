using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AIStudio.Hub.Data.Migrations.Sqlite
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
                type: "TEXT",
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
