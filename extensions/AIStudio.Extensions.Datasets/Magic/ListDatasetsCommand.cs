using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Datasets.Magic;

/// <summary><c>#!dataset list</c>.</summary>
public sealed class ListDatasetsCommand : KernelDirectiveCommand;
