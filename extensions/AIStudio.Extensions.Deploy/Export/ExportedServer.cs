using System.Globalization;
using System.Text;

namespace AIStudio.Extensions.Deploy.Export;

/// <summary>A server written by <see cref="DeploymentExport"/>: where it is, and how to build, run and ship it.</summary>
public sealed record ExportedServer(string Name, int Version, string Directory, string Project, IReadOnlyList<string> Files)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Exported '{Name}' version {Version} to {Directory}: {Files.Count} files ({string.Join(", ", Files)}).\n");
        text.Append(CultureInfo.InvariantCulture, $"Run it:     cd {Directory} && dotnet run -c Release --urls http://127.0.0.1:8080\n");
        text.Append(CultureInfo.InvariantCulture, $"Container:  docker build -t {Name}:{Version} {Directory}\n");
        text.Append(CultureInfo.InvariantCulture, $"Kubernetes: kubectl apply -f {Path.Combine(Directory, "k8s", Name + ".yaml")}\n");
        return text.ToString();
    }

    public override string ToString() => ToText();
}
