using AIStudio.Extensions.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIStudio.Extensions.Training.Torch;

/// <summary>
/// The usual TorchSharp training loop with a live progress display: for each epoch, every batch goes forward, the loss
/// backward and the optimizer steps; then the validation batches (if any) are scored without gradients. Tensors made per
/// batch are disposed as it ends, so memory stays flat over epochs.
/// </summary>
public static class TorchTraining
{
    /// <summary>Trains <paramref name="model"/> and returns what each epoch measured; the display ends with the curves.</summary>
    /// <param name="model">The network; it is moved to <paramref name="device"/> when one is given.</param>
    /// <param name="optimizer">Made from the model's parameters, e.g. <c>optim.Adam(model.parameters(), 1e-3)</c>.</param>
    /// <param name="loss">Loss of (output, target), e.g. <c>nn.CrossEntropyLoss()</c>.</param>
    /// <param name="batches">The training batches, enumerated once per epoch.</param>
    /// <param name="epochs">How many passes over <paramref name="batches"/>.</param>
    /// <param name="validation">Batches scored after each epoch, without training on them.</param>
    /// <param name="metric">A metric of (output, target) per batch, averaged by batch size, e.g. <see cref="Metrics.Accuracy"/>.</param>
    /// <param name="metricName">The name the metric is shown under.</param>
    /// <param name="device">Where to train; batches are moved there. Null leaves model and batches where they are.</param>
    /// <param name="title">Shown above the progress bar.</param>
    /// <param name="cancellationToken">Stops between batches (the kernel's interrupt also stops a cell between statements).</param>
    public static TrainingHistory Fit(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> loss,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        int epochs,
        IEnumerable<(Tensor Input, Tensor Target)>? validation = null,
        Func<Tensor, Tensor, double>? metric = null,
        string metricName = "accuracy",
        torch.Device? device = null,
        string? title = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batches);
        LibTorch.EnsureLoaded();
        if (device is not null)
        {
            model.to(device);
        }

        var batchCount = batches.TryGetNonEnumeratedCount(out var known) ? known : 0;
        using var progress = TrainingProgress.Start(epochs, title ?? model.GetName(), metricName);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            model.train();
            var (trainLoss, trainMetric, seen) = (0.0, 0.0, 0L);
            var batch = 0;
            foreach (var (input, target) in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (x, y) = OnDevice(input, target, device);
                optimizer.zero_grad();
                var output = model.forward(x);
                var value = loss(output, y);
                value.backward();
                optimizer.step();
                var size = x.shape.Length == 0 ? 1 : x.shape[0];
                trainLoss += value.item<float>() * size;
                if (metric is not null)
                {
                    using (no_grad())
                    {
                        trainMetric += metric(output, y) * size;
                    }
                }

                seen += size;
                batch++;
                if (batchCount > 0)
                {
                    progress.ReportBatch(batch, batchCount, trainLoss / seen);
                }
            }

            if (seen == 0)
            {
                throw new ArgumentException("There were no training batches.", nameof(batches));
            }

            var (validationLoss, validationMetric) = validation is null ? (null, null) : Evaluate(model, loss, validation, metric, device, cancellationToken);
            progress.Report(epoch, trainLoss / seen, metric is null ? null : trainMetric / seen, validationLoss, validationMetric);
        }

        progress.Complete();
        return progress.History;
    }

    /// <summary>The mean loss (and metric) of <paramref name="model"/> over <paramref name="batches"/>, without gradients, in evaluation mode.</summary>
    public static (double? Loss, double? Metric) Evaluate(
        nn.Module<Tensor, Tensor> model,
        Func<Tensor, Tensor, Tensor> loss,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        Func<Tensor, Tensor, double>? metric = null,
        torch.Device? device = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batches);
        model.eval();
        using var noGrad = no_grad();
        var (total, metricTotal, seen) = (0.0, 0.0, 0L);
        foreach (var (input, target) in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (x, y) = OnDevice(input, target, device);
            var output = model.forward(x);
            var size = x.shape.Length == 0 ? 1 : x.shape[0];
            total += loss(output, y).item<float>() * size;
            if (metric is not null)
            {
                metricTotal += metric(output, y) * size;
            }

            seen += size;
        }

        return seen == 0 ? (null, null) : (total / seen, metric is null ? null : metricTotal / seen);
    }

    /// <summary>Splits <paramref name="inputs"/> and <paramref name="targets"/> (first dimension = samples) into batches, shuffled with <paramref name="seed"/> when given.</summary>
    public static IReadOnlyList<(Tensor Input, Tensor Target)> Batches(Tensor inputs, Tensor targets, int batchSize, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var count = inputs.shape[0];
        if (targets.shape[0] != count)
        {
            throw new ArgumentException($"inputs has {count} samples but targets has {targets.shape[0]}.", nameof(targets));
        }

        using var scope = NewDisposeScope();
        Tensor order;
        if (seed is { } s)
        {
            using var generator = new Generator((ulong)s);
            order = randperm(count, generator: generator);
        }
        else
        {
            order = arange(count);
        }

        var result = new List<(Tensor, Tensor)>();
        for (long start = 0; start < count; start += batchSize)
        {
            var indices = order[TensorIndex.Slice(start, Math.Min(start + batchSize, count))];
            result.Add((inputs.index_select(0, indices).MoveToOuterDisposeScope(), targets.index_select(0, indices).MoveToOuterDisposeScope()));
        }

        return result;
    }

    private static (Tensor X, Tensor Y) OnDevice(Tensor input, Tensor target, torch.Device? device) =>
        device is null ? (input, target) : (input.to(device), target.to(device));
}
