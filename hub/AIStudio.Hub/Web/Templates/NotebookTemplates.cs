using System.Text.Json;

namespace AIStudio.Hub.Web.Templates;

/// <summary>
/// The notebooks "New notebook" starts from (a C# kernelspec already chosen, and for some a first worked example),
/// shipped inside the hub's assembly.
/// </summary>
public static class NotebookTemplates
{
    public const string Blank = "blank";

    /// <summary>Id and title, in the order the dashboard offers them.</summary>
    public static IReadOnlyList<(string Id, string Title)> All { get; } =
    [
        (Blank, "Blank C# notebook"),
        ("dataset", "Explore a dataset"),
        ("chart", "Make a chart"),
    ];

    /// <summary>The template's notebook; null for an id that is not one.</summary>
    public static JsonElement? Find(string? id)
    {
        if (!All.Any(t => t.Id == id))
        {
            return null;
        }

        using var stream = typeof(NotebookTemplates).Assembly.GetManifestResourceStream($"AIStudio.Hub.Web.Templates.{id}.ipynb")
            ?? throw new InvalidOperationException($"The notebook template {id} is missing from the hub's assembly.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
