using System.Reflection;
using TorchSharp;

namespace AIStudio.Extensions.Training.Torch;

/// <summary>
/// Where training runs: <see cref="Best"/> is CUDA when TorchSharp finds a GPU, else the CPU. In a cell that has
/// <c>using static TorchSharp.torch;</c> (whose nested <c>Device</c> type shares the name) write <c>Devices.Best</c>.
/// </summary>
public static class Device
{
    /// <summary>CUDA when a GPU is available to TorchSharp, else the CPU. Loads libtorch on first use.</summary>
    public static torch.Device Best
    {
        get
        {
            LibTorch.EnsureLoaded();
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }
    }

    /// <summary>The device <see cref="Best"/> picks and what was found: GPUs, CPU threads, the TorchSharp and libtorch in use.</summary>
    public static DeviceInfo Describe()
    {
        var directory = LibTorch.EnsureLoaded();
        var cuda = torch.cuda.is_available();
        var version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
        return new DeviceInfo(
            Device: cuda ? "cuda" : "cpu",
            CudaAvailable: cuda,
            CudaDevices: cuda ? torch.cuda.device_count() : 0,
            TorchSharpVersion: version.Split('+')[0],
            LibTorchVersion: LibTorch.Version,
            LibTorchDirectory: directory,
            CpuThreads: torch.get_num_threads());
    }
}
