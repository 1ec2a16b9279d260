namespace AIStudio.Extensions.Datasets.Tests;

/// <summary>A temporary folder per test, removed afterwards.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aistudio-datasets-").FullName;
    }

    public string Directory { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A copy of the shipped catalog, to tamper with.</summary>
    public string CopyCatalog()
    {
        var target = Path.Combine(Directory, "datasets");
        foreach (var file in System.IO.Directory.EnumerateFiles(Datasets.Settings.CatalogDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Datasets.Settings.CatalogDirectory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
