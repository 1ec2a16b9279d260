using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The dashboard: the signed-in user's files, folder by folder, and a new notebook in one click.</summary>
[AllowAnonymous]
public sealed class HomeModel(CallerResolver callers, PlanService plans) : PageModel
{
    private static readonly JsonElement NewNotebook = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = "notebook" });

    public string Directory { get; private set; } = "";

    public string? Parent { get; private set; }

    public IReadOnlyList<ContentsModel> Items { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? dir)
    {
        var caller = await callers.GetAsync(HttpContext);
        if (caller is null)
        {
            return Redirect(HubRedirects.SignIn(Request));
        }

        return List(caller, dir);
    }

    public async Task<IActionResult> OnPostNewNotebookAsync(string? dir)
    {
        var caller = await callers.GetAsync(HttpContext);
        if (caller is null)
        {
            return Redirect(HubRedirects.SignIn(Request));
        }

        try
        {
            var contents = await plans.ContentsAsync(caller, HttpContext.RequestAborted);
            var created = contents.Create((dir ?? "").Trim('/'), NewNotebook);
            return Redirect("/notebooks/" + created.Path);
        }
        catch (HubApiException e)
        {
            Error = e.Message;
            Response.StatusCode = e.StatusCode;
            return List(caller, dir);
        }
    }

    private IActionResult List(Caller caller, string? dir)
    {
        Directory = (dir ?? "").Trim('/');
        Parent = Directory.Length == 0 ? null : Directory.Contains('/', StringComparison.Ordinal) ? Directory[..Directory.LastIndexOf('/')] : "";
        try
        {
            var listing = plans.ContentsForReading(caller).Get(Directory, content: true, type: "directory", format: null);
            Items = listing.Content is IEnumerable<ContentsModel> items
                ? [.. items.Where(i => !i.Name.StartsWith('.')).OrderBy(i => i.Type != "directory").ThenBy(i => i.Name, StringComparer.OrdinalIgnoreCase)]
                : [];
        }
        catch (HubApiException e) when (e.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest)
        {
            return NotFound($"No such folder: {Directory}");
        }

        return Page();
    }
}
