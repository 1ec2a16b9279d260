using System.Text.Json;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Licensing;
using AIStudio.Extensions.Datasets.Registration;

namespace AIStudio.Extensions.Datasets.Tests;

public class RegistryTests
{
    private const string Csv = "city,temperature,rainy\nOslo,3.5,true\nLima,NA,false\nPune,31,\n";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private static DatasetRegistry Registry(bool commercial = false) =>
        new(new DatasetsSettings { Commercial = commercial, User = "ada", TimeProvider = new FixedTimeProvider(Now) });

    [Fact]
    public async Task Registering_with_an_SPDX_id_records_who_when_licence_score_and_hash_beside_the_file()
    {
        using var files = new TestFiles();
        var path = files.Write("weather.csv", Csv);

        var result = await Registry().RegisterAsync(path, license: "CC-BY-4.0", attribution: "Met office");

        Assert.Equal(path + ".provenance.json", result.ProvenancePath);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.ProvenancePath));
        var root = json.RootElement;
        Assert.Equal("weather", root.GetProperty("name").GetString());
        Assert.Equal("CC-BY-4.0", root.GetProperty("license").GetString());
        Assert.Equal("spdx-id", root.GetProperty("detectionMethod").GetString());
        Assert.Equal(1.0, root.GetProperty("detectionScore").GetDouble());
        Assert.Equal("ada", root.GetProperty("registeredBy").GetString());
        Assert.Equal(Now, root.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.Equal("Met office", root.GetProperty("attribution").GetString());
        Assert.Equal(FileHash.Sha256(await File.ReadAllBytesAsync(path)), root.GetProperty("sha256").GetString());
        // Atomic write: no temporary file left behind.
        Assert.Equal(2, Directory.GetFiles(files.Directory).Length);
    }

    [Fact]
    public async Task A_registered_dataset_loads_with_inferred_types_and_is_refused_once_changed()
    {
        using var files = new TestFiles();
        var path = files.Write("weather.csv", Csv);
        var result = await Registry().RegisterAsync(path, license: "CC0-1.0");

        var frame = await DatasetCatalog.LoadAsync(result.Dataset);
        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(typeof(double), frame["temperature"].DataType);
        Assert.Equal(typeof(bool), frame["rainy"].DataType);
        Assert.Null(frame["temperature"][1]);
        Assert.Null(frame["rainy"][2]);

        await File.AppendAllTextAsync(path, "Rome,18,false\n");
        await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetCatalog.LoadAsync(result.Dataset));
    }

    [Fact]
    public async Task A_share_alike_licence_text_is_detected_and_its_warning_kept_in_the_provenance()
    {
        using var files = new TestFiles();
        var path = files.Write("streets.csv", Csv);

        var result = await Registry(commercial: true).RegisterAsync(path, licenseText: SpdxLicenses.Text("ODbL-1.0"), name: "streets");

        Assert.Equal("ODbL-1.0", result.Provenance.License);
        Assert.Equal("text-match", result.Provenance.DetectionMethod);
        Assert.True(result.Provenance.DetectionScore > 0.99);
        Assert.NotNull(result.Provenance.LicenseText);
        Assert.Contains(result.Provenance.Warnings, w => w.Contains("share-alike", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_commercial_licence_on_a_commercial_plan_is_refused_and_nothing_is_written()
    {
        using var files = new TestFiles();
        var path = files.Write("survey.csv", Csv);

        var error = await Assert.ThrowsAsync<DatasetLicenseException>(() => Registry(commercial: true).RegisterAsync(path, license: "CC-BY-NC-4.0"));

        Assert.Contains("was not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("commercial", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".provenance.json"));
    }

    [Fact]
    public async Task Data_without_a_licence_is_refused()
    {
        using var files = new TestFiles();
        var path = files.Write("mine.csv", Csv);

        var error = await Assert.ThrowsAsync<DatasetLicenseException>(() => Registry().RegisterAsync(path));

        Assert.Contains("No licence was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_curated_name_cannot_be_taken()
    {
        using var files = new TestFiles();
        var path = files.Write("iris.csv", Csv);

        await Assert.ThrowsAsync<ArgumentException>(() => Registry().RegisterAsync(path, license: "MIT", reservedNames: ["iris"]));
    }
}
