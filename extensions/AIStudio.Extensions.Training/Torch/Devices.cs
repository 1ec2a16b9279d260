namespace AIStudio.Extensions.Training.Torch;

/// <summary>The same as <see cref="Device"/>, under a name that <c>using static TorchSharp.torch;</c> does not hide.</summary>
public static class Devices
{
    /// <inheritdoc cref="Device.Best"/>
    public static TorchSharp.torch.Device Best => Device.Best;

    /// <inheritdoc cref="Device.Describe"/>
    public static DeviceInfo Describe() => Device.Describe();
}
