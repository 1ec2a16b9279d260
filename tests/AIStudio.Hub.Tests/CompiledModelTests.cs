using System.Text;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The hub starts on compiled models (<c>dotnet ef dbcontext optimize</c>, Data/CompiledModels): EF uses them without
/// checking them, so a change to the model that is not followed by regenerating them must fail here.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_in_use_and_describes_the_model_the_code_builds(string provider)
    {
        // Building a model opens no connection: no server is needed.
        using HubDbContext db = provider == "sqlite"
            ? new SqliteHubDbContext(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=unused.db").Options)
            : new PostgresHubDbContext(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=unused").Options);

        var compiled = db.Model;
        Assert.StartsWith("AIStudio.Hub.Data.CompiledModels.", compiled.GetType().FullName, StringComparison.Ordinal);
        var built = db.GetService<IDesignTimeModel>().Model;
        Assert.NotSame(compiled, built);

        var expected = Describe(built);
        var actual = Describe(compiled);
        Assert.True(expected == actual,
            $"Data/CompiledModels/{(provider == "sqlite" ? "Sqlite" : "Postgres")} is out of date: regenerate it (README, \"Changing the database model\").\n" +
            $"First difference at line {FirstDifference(expected, actual)}.");
    }

    /// <summary>What the database sees of a model: tables, columns with their types and nullability, keys, relations, indexes.</summary>
    private static string Describe(IModel model)
    {
        var text = new StringBuilder();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName() ?? "(none)", entity.GetSchema());
            text.AppendLine($"entity {entity.Name} table {entity.GetTableName()}");
            foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  property {property.Name} {property.ClrType.Name} column {property.GetColumnName(table)} " +
                    $"{property.GetColumnType(table)} null={property.IsNullable} max={property.GetMaxLength()} " +
                    $"converter={property.GetValueConverter()?.GetType().Name} concurrency={property.IsConcurrencyToken}");
            }

            text.AppendLine($"  key {string.Join(",", entity.FindPrimaryKey()?.Properties.Select(p => p.Name) ?? [])}");
            foreach (var key in entity.GetForeignKeys().Select(f => $"{string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}").Order(StringComparer.Ordinal))
            {
                text.AppendLine($"  foreign key {key}");
            }

            foreach (var index in entity.GetIndexes().Select(i => $"{string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique} name={i.GetDatabaseName(table)}").Order(StringComparer.Ordinal))
            {
                text.AppendLine($"  index {index}");
            }
        }

        return text.ToString();
    }

    private static int FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var line = 0;
        while (line < Math.Min(a.Length, b.Length) && a[line] == b[line])
        {
            line++;
        }

        return line + 1;
    }
}
