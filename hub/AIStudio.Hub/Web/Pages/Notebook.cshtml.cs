using System.Text.Encodings.Web;
using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// <c>/notebooks/{path}</c>, the classic Jupyter URL: the shell of the notebook page (JupyterLab's notebook, bundled into
/// <c>/build/</c>), with its settings in <c>jupyter-config-data</c>. Only the signed-in user's own notebooks open; any
/// other path is "not found", whoever else may have a file of that name.
/// </summary>
[AllowAnonymous]
public sealed class NotebookModel(CallerResolver callers, PlanService plans) : PageModel
{
    private static readonly JsonSerializerOptions ConfigJsonOptions = new() { Encoder = JavaScriptEncoder.Default };

    public string Name { get; private set; } = "";

    public string ConfigJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string? path)
    {
        var caller = await callers.GetAsync(HttpContext);
        if (caller is null)
        {
            return Redirect(HubRedirects.SignIn(Request));
        }

        path = (path ?? "").Trim('/');
        try
        {
            var model = plans.ContentsForReading(caller).Get(path, content: false, type: null, format: null);
            if (model.Type == "directory")
            {
                return Redirect(HubRedirects.Home + "?dir=" + Uri.EscapeDataString(path));
            }

            if (model.Type != "notebook")
            {
                return NotFound($"{path} is not a notebook.");
            }

            Name = model.Name;
        }
        catch (HubApiException e) when (e.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest)
        {
            return NotFound($"No such notebook: {path}");
        }

        // Escaped for a <script> element: no "</script>" can close it early.
        ConfigJson = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["baseUrl"] = "/",
            ["wsUrl"] = "",
            ["notebookPath"] = path,
            ["appName"] = "AI Studio",
            ["appVersion"] = AIStudio.Hub.Status.StatusEndpoints.ApiVersion,
            ["userName"] = caller.UserName,
            ["hubHome"] = HubRedirects.Home,
        }, ConfigJsonOptions);
        return Page();
    }
}
