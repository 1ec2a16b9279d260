using AIStudio.Extensions.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace AIStudio.Extensions.Training.Tests;

/// <summary>TorchSharp through the extension: libtorch found and loaded, weights saved and loaded back.</summary>
public sealed class TorchModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aistudio-torch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saved_weights_loaded_into_a_fresh_network_give_the_same_outputs()
    {
        LibTorch.EnsureLoaded();
        manual_seed(3);
        var trained = nn.Sequential(("a", nn.Linear(4, 3)), ("b", nn.Tanh()), ("c", nn.Linear(3, 2)));
        var input = randn(5, 4);
        var path = Models.Save(trained, Path.Combine(_directory, "net.bin"));

        manual_seed(99);
        var fresh = Models.Load(nn.Sequential(("a", nn.Linear(4, 3)), ("b", nn.Tanh()), ("c", nn.Linear(3, 2))), path);

        using var noGrad = no_grad();
        Assert.True(trained.forward(input).allclose(fresh.forward(input)), "The loaded network must compute what the saved one did.");
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp-*"));
    }

    [Fact]
    public void Batches_cover_every_sample_once_in_a_seeded_order()
    {
        LibTorch.EnsureLoaded();
        var x = arange(10).reshape(10, 1);
        var y = arange(10);

        var first = TorchTraining.Batches(x, y, batchSize: 4, seed: 5);
        var again = TorchTraining.Batches(x, y, batchSize: 4, seed: 5);

        Assert.Equal([4L, 4L, 2L], first.Select(b => b.Input.shape[0]));
        var order = first.SelectMany(b => b.Target.data<long>().ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order.Order());
        Assert.Equal(order, again.SelectMany(b => b.Target.data<long>().ToArray()));
        Assert.All(first, b => Assert.Equal(b.Target.data<long>().ToArray(), b.Input.flatten().data<long>().ToArray()));
        Assert.Throws<ArgumentException>(() => TorchTraining.Batches(x, arange(9), batchSize: 4));
    }

    [Fact]
    public void Device_Best_is_the_cpu_here_and_libtorch_came_from_a_directory_that_has_it()
    {
        var info = Training.Torch.Device.Describe();

        Assert.Equal(cuda.is_available() ? "cuda" : "cpu", info.Device);
        Assert.True(File.Exists(Path.Combine(info.LibTorchDirectory!, "libtorch_cpu.so")), info.LibTorchDirectory);
        Assert.Equal(info.Device, Training.Torch.Device.Best.type == DeviceType.CUDA ? "cuda" : "cpu");
        Assert.True(info.CpuThreads >= 1);
    }
}
