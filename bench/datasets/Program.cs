using System.Diagnostics;
using System.Globalization;
using System.Text;
using AIStudio.Extensions.Datasets;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Display;
using Microsoft.Data.Analysis;

// Datasets benchmark: Datasets.Load (hash check + typed parse) and the DataFrame HTML display (first page + summary
// statistics) on a generated 100k-row CSV; DataFrame.LoadCsv (Microsoft.Data.Analysis' own reader, no hash) as the baseline.
// Missing values are empty fields: LoadCsv throws on a marker such as "NA" in a numeric column, which Datasets.Load reads as null.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var folder = Directory.CreateTempSubdirectory("aistudio-bench-datasets-").FullName;
try
{
    var path = Path.Combine(folder, "generated.csv");
    await File.WriteAllTextAsync(path, Generate(rows));
    Datasets.Settings = new DatasetsSettings { User = "bench" };
    var registered = await Datasets.RegisterAsync(path, license: "CC0-1.0", name: "generated");
    var info = registered.Dataset;
    DataFrame frame = null!;

    var load = Measure(runs, () => frame = DatasetCatalog.Load(info));
    var loadCsv = Measure(runs, () => DataFrame.LoadCsv(path));
    var html = Measure(runs, () => DataFrameHtml.Render(frame));
    var htmlLength = DataFrameHtml.Render(frame).Length;

    var report = new StringBuilder();
    report.AppendLine("# Datasets benchmark — last run").AppendLine();
    report.AppendLine(Invariant($"{TimeProvider.System.GetUtcNow():yyyy-MM-dd} · {rows:N0} rows × {frame.Columns.Count} columns ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB CSV: int, double ×2 with 1% missing (empty fields), string, bool) · {runs} runs after one warm-up, median · .NET {Environment.Version} · {Environment.ProcessorCount} cores"));
    report.AppendLine().AppendLine("| operation | median time | allocated per run |").AppendLine("| --- | ---: | ---: |");
    report.AppendLine(Row("`Datasets.Load` (SHA-256 check + typed parse, NA → null)", load));
    report.AppendLine(Row("`DataFrame.LoadCsv` (Microsoft.Data.Analysis, no hash, guessed types) — baseline", loadCsv));
    report.AppendLine(Row(Invariant($"DataFrame HTML display (20 rows + summary statistics, {htmlLength / 1024.0:F1} KiB)"), html));
    report.AppendLine().AppendLine(Invariant($"Load / LoadCsv time ratio: {load.Median.TotalMilliseconds / loadCsv.Median.TotalMilliseconds:F2}; allocation ratio: {(double)load.Allocated / loadCsv.Allocated:F2}."));
    Console.Write(report);
    if (Environment.GetEnvironmentVariable("BENCH_REPORT") is { Length: > 0 } output)
    {
        await File.WriteAllTextAsync(output, report.ToString());
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string Generate(int rows)
{
    var random = new Random(20260301);
    var categories = new[] { "alpha", "beta", "gamma", "delta", "epsilon" };
    var csv = new StringBuilder("id,x,y,category,flag\n");
    for (var i = 0; i < rows; i++)
    {
        var x = random.Next(100) == 0 ? "" : (random.NextDouble() * 100).ToString("F4", CultureInfo.InvariantCulture);
        var y = random.Next(100) == 0 ? "" : (random.NextDouble() * 1e6 - 5e5).ToString("F2", CultureInfo.InvariantCulture);
        csv.Append(CultureInfo.InvariantCulture, $"{i},{x},{y},{categories[random.Next(categories.Length)]},{(random.Next(2) == 0 ? "true" : "false")}\n");
    }

    return csv.ToString();
}

static (TimeSpan Median, long Allocated) Measure(int runs, Action action)
{
    action();
    var times = new List<TimeSpan>();
    var allocated = new List<long>();
    for (var i = 0; i < runs; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        action();
        times.Add(Stopwatch.GetElapsedTime(started));
        allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    return (times.Order().ElementAt(runs / 2), allocated.Order().ElementAt(runs / 2));
}

static string Row(string name, (TimeSpan Median, long Allocated) m) =>
    Invariant($"| {name} | {m.Median.TotalMilliseconds:F0} ms | {m.Allocated / 1024.0 / 1024.0:F1} MiB |");

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
