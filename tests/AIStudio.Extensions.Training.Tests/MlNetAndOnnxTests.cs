using AIStudio.Extensions.Training.MlNet;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AIStudio.Extensions.Training.Tests;

/// <summary>ML.NET trained on the shipped iris data, exported to ONNX and scored again with ONNX Runtime.</summary>
public sealed class MlNetAndOnnxTests : IDisposable
{
    private static readonly string[] Features = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
    private readonly string _directory = Directory.CreateTempSubdirectory("aistudio-training-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_MLNET_model_exported_to_ONNX_predicts_exactly_what_MLNET_predicts()
    {
        var ml = new MLContext(seed: 1);
        var iris = Extensions.Datasets.Datasets.Load("iris");
        var model = MlNetTraining.Fit(ml, Pipeline(ml), iris, "iris");
        var expected = ml.Data.CreateEnumerable<Prediction>(model.Transform(iris), reuseRowObject: false).Select(p => p.PredictedSpecies).ToList();

        var path = OnnxExport.Save(ml, model, iris, Path.Combine(_directory, "iris.onnx"));
        using var onnx = OnnxModel.Load(path);
        var outputs = onnx.Run(iris);

        Assert.Contains("species", onnx.Inputs.Keys);
        var predicted = ((string[])outputs["PredictedSpecies.output"]).ToList();
        Assert.Equal(expected, predicted);
        var accuracy = predicted.Zip(((StringDataFrameColumn)iris["species"]).Select(s => s)).Count(p => p.First == p.Second) / 150.0;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void A_multiclass_classifier_trains_epoch_by_epoch_with_falling_loss_and_validation_scores()
    {
        var ml = new MLContext(seed: 1);
        var iris = Extensions.Datasets.Datasets.Load("iris");
        var prepared = Featurizer(ml).Fit(iris).Transform(iris);
        var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2, seed: 1);

        var (model, history) = MlNetTraining.FitMulticlass(ml, split.TrainSet, epochs: 4, validation: split.TestSet, iterationsPerEpoch: 10);

        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.True(history.Loss[^1] < history.Loss[0], $"The log-loss must fall: {string.Join(", ", history.Loss)}");
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.True(history.ValidationMetric[^1] > 0.8, $"validation accuracy {string.Join(", ", history.ValidationMetric)}; loss {string.Join(", ", history.Loss)}");
        Assert.Equal(3, model.Model.GetBiases().Count());
    }

    [Fact]
    public void A_saved_MLNET_model_loads_and_predicts_the_same()
    {
        var ml = new MLContext(seed: 1);
        var iris = Extensions.Datasets.Datasets.Load("iris");
        var model = MlNetTraining.Fit(ml, Pipeline(ml), iris);
        var path = Models.Save(ml, model, ((IDataView)iris).Schema, Path.Combine(_directory, "iris.zip"));

        var loaded = Models.Load(ml, path, out var schema);

        Assert.Equal(5, schema.Count);
        Assert.Equal(
            ml.Data.CreateEnumerable<Prediction>(model.Transform(iris), false).Select(p => p.PredictedSpecies),
            ml.Data.CreateEnumerable<Prediction>(loaded.Transform(iris), false).Select(p => p.PredictedSpecies));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp-*"));
    }

    [Fact]
    public void Running_an_ONNX_model_on_a_frame_without_one_of_its_inputs_says_which_is_missing()
    {
        var ml = new MLContext(seed: 1);
        var iris = Extensions.Datasets.Datasets.Load("iris");
        var path = OnnxExport.Save(ml, MlNetTraining.Fit(ml, Pipeline(ml), iris), iris, Path.Combine(_directory, "iris.onnx"));
        using var onnx = OnnxModel.Load(path);
        var withoutLabel = new DataFrame(Features.Select(f => iris[f].Clone()));

        var error = Assert.Throws<ArgumentException>(() => onnx.Run(withoutLabel));

        Assert.Contains("'species'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the label included", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_refused_with_its_name()
    {
        var path = Path.Combine(_directory, "notes.onnx");
        File.WriteAllText(path, "not a model");

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));

        Assert.Contains("notes.onnx is not an ONNX model", error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => OnnxModel.Load(Path.Combine(_directory, "missing.onnx")));
    }

    private static IEstimator<ITransformer> Featurizer(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "species")
            .Append(ml.Transforms.Conversion.ConvertType(Features.Select(f => new InputOutputColumnPair(f + "_f", f)).ToArray(), DataKind.Single))
            .Append(ml.Transforms.Concatenate("Features", Features.Select(f => f + "_f").ToArray()));

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        Featurizer(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

    private sealed class Prediction
    {
        public string PredictedSpecies { get; set; } = "";
    }
}
