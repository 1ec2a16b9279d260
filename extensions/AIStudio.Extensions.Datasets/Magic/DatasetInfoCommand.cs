using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Datasets.Magic;

/// <summary><c>#!dataset info NAME</c>.</summary>
public sealed class DatasetInfoCommand : KernelDirectiveCommand
{
    public string Name { get; set; } = "";
}
