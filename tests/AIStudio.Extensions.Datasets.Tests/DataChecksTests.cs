using AIStudio.Extensions.Datasets.Analysis;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Tests;

public class DataChecksTests
{
    [Fact]
    public void TrainTestSplit_is_deterministic_for_a_seed_and_disjoint()
    {
        var frame = Datasets.Load("penguins");
        var ids = new PrimitiveDataFrameColumn<int>("id", Enumerable.Range(0, (int)frame.Rows.Count));
        frame.Columns.Add(ids);

        var (train1, test1) = DataChecks.TrainTestSplit(frame, 0.25, seed: 7);
        var (train2, test2) = DataChecks.TrainTestSplit(frame, 0.25, seed: 7);
        var (_, test3) = DataChecks.TrainTestSplit(frame, 0.25, seed: 8);

        var trainIds = Ids(train1);
        var testIds = Ids(test1);
        Assert.Equal(trainIds, Ids(train2));
        Assert.Equal(testIds, Ids(test2));
        Assert.NotEqual(testIds, Ids(test3));
        Assert.Equal(86, testIds.Count);
        Assert.Empty(trainIds.Intersect(testIds));
        Assert.Equal(Enumerable.Range(0, 344), trainIds.Concat(testIds).Order());

        static List<int> Ids(DataFrame f) => f["id"].Cast<int?>().Select(v => v!.Value).ToList();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    public void TrainTestSplit_refuses_a_fraction_outside_0_to_1(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataChecks.TrainTestSplit(Datasets.Load("iris"), fraction));

    [Fact]
    public void Missing_values_are_counted_per_column()
    {
        var missing = DataChecks.MissingValues(Datasets.Load("penguins")).ToDictionary(m => m.Column);

        Assert.Equal(0, missing["species"].Missing);
        Assert.Equal(2, missing["body_mass_g"].Missing);
        Assert.Equal(11, missing["sex"].Missing);
        Assert.Equal(11 / 344.0, missing["sex"].Fraction, 6);
    }

    [Fact]
    public void Outliers_follow_the_IQR_rule()
    {
        var values = new PrimitiveDataFrameColumn<double>("x", [1, 2, 3, 4, 5, 6, 7, 8, 100]);
        var frame = new DataFrame(values, new StringDataFrameColumn("label", Enumerable.Repeat("a", 9)));

        var report = Assert.Single(DataChecks.Outliers(frame));

        // numpy: percentile([1..8,100], [25, 75]) = 3, 7 → fences -3 and 13.
        Assert.Equal(3, report.Q1);
        Assert.Equal(7, report.Q3);
        Assert.Equal(13, report.UpperFence);
        Assert.Equal([8L], report.RowIndices);
    }

    [Fact]
    public void Type_inference_reports_a_column_spoiled_by_a_few_non_numbers()
    {
        using var files = new TestFiles();
        var rows = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"{i},{(i == 5 ? "n/a" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))},x{i}"));
        var path = files.Write("t.csv", "id,score,name\n" + rows + "\n");

        var report = TypeInference.Report(path).ToDictionary(r => r.Column);

        Assert.Equal("int", report["id"].InferredType);
        Assert.Equal("string", report["score"].InferredType);
        Assert.Contains("'n/a'", report["score"].Note, StringComparison.Ordinal);
        Assert.Null(report["name"].Note);
    }
}
