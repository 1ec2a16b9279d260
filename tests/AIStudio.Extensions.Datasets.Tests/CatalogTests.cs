using System.Security.Cryptography;
using AIStudio.Extensions.Datasets.Catalog;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Tests;

public class CatalogTests
{
    [Fact]
    public void The_catalog_ships_iris_penguins_and_digits_with_their_row_counts()
    {
        var datasets = new DatasetCatalog(Datasets.Settings.CatalogDirectory).List().ToDictionary(d => d.Name, d => d.Rows);

        Assert.Equal(150, datasets["iris"]);
        Assert.Equal(344, datasets["penguins"]);
        Assert.Equal(1797, datasets["digits"]);
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("penguins")]
    [InlineData("digits")]
    public void Each_dataset_file_matches_its_recorded_hash_and_has_a_licence_beside_it(string name)
    {
        var info = new DatasetCatalog(Datasets.Settings.CatalogDirectory).Find(name)!;

        Assert.Equal(info.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(info.FilePath))));
        Assert.True(File.Exists(Path.Combine(info.Directory, "LICENSE")));
        Assert.NotNull(Licensing.SpdxLicenses.Find(info.License));
        Assert.StartsWith("https://", info.Source, StringComparison.Ordinal);
        Assert.NotEmpty(info.Citation);
    }

    [Fact]
    public void Penguins_load_as_typed_columns_with_NA_as_null()
    {
        var frame = Datasets.Load("penguins");

        Assert.Equal(344, frame.Rows.Count);
        Assert.Equal(8, frame.Columns.Count);
        Assert.IsType<StringDataFrameColumn>(frame["species"]);
        Assert.IsType<PrimitiveDataFrameColumn<double>>(frame["bill_length_mm"]);
        Assert.IsType<PrimitiveDataFrameColumn<int>>(frame["body_mass_g"]);
        // The published data: 2 penguins without measurements, 11 without a recorded sex.
        Assert.Equal(2, frame["bill_length_mm"].NullCount);
        Assert.Equal(11, frame["sex"].NullCount);
        Assert.Null(frame["bill_length_mm"][3]);
        Assert.Equal(39.1, frame["bill_length_mm"][0]);
        Assert.Equal("Adelie", frame["species"][0]);
        Assert.Equal(2009, frame["year"][343]);
    }

    [Fact]
    public async Task Iris_loads_with_fifty_flowers_of_each_species()
    {
        var frame = await Datasets.LoadAsync("iris");

        Assert.Equal(150, frame.Rows.Count);
        var species = (StringDataFrameColumn)frame["species"];
        Assert.All(new[] { "setosa", "versicolor", "virginica" }, s => Assert.Equal(50, species.Count(v => v == s)));
        Assert.Equal(5.843, (double)frame["sepal_length_cm"].Mean(), 3);
    }

    [Fact]
    public void Digits_have_64_pixels_and_a_digit()
    {
        var frame = Datasets.Load("digits");

        Assert.Equal(1797, frame.Rows.Count);
        Assert.Equal(65, frame.Columns.Count);
        Assert.Equal(0, frame["digit"][0]);
        Assert.Equal(16, frame.Columns.Take(64).Max(c => Convert.ToInt32(c.Max(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_tampered_file_is_refused_with_a_message_that_says_what_to_do()
    {
        using var files = new TestFiles();
        var catalog = new DatasetCatalog(files.CopyCatalog());
        var info = catalog.Find("penguins")!;
        File.WriteAllText(info.FilePath, File.ReadAllText(info.FilePath).Replace("39.1,18.7", "99.1,18.7", StringComparison.Ordinal));

        var error = Assert.Throws<DatasetIntegrityException>(() => DatasetCatalog.Load(info));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore the original file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_lists_the_datasets_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => Datasets.Load("titanic"));

        Assert.Contains("penguins", error.Message, StringComparison.Ordinal);
    }
}
