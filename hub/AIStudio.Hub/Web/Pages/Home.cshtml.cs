using System.Text.Json;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.Kernels;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Sessions;
using AIStudio.Hub.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// The dashboard: the signed-in user's files folder by folder (new notebook or folder, upload, download, rename, delete),
/// their running kernels with a stop button, and their plan's meters (storage, GPU hours, kernels) beside its limits.
/// Every action posts a form (with the XSRF field) and comes back here; a refusal is shown with the hub's own message.
/// </summary>
[AllowAnonymous]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
public sealed class HomeModel(CallerResolver callers, PlanService plans, KernelRegistry kernels, SessionManager sessions, KernelSpecCatalog specs, HubDbContext db)
    : SignedInPageModel(callers)
{
    /// <summary>The largest file the upload form takes (the contents API's chunked upload takes larger ones).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    private static readonly JsonElement NewNotebook = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = "notebook" });
    private static readonly JsonElement NewDirectory = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = "directory" });

    public string Directory { get; private set; } = "";

    public string? Parent { get; private set; }

    public IReadOnlyList<ContentsModel> Items { get; private set; } = [];

    public IReadOnlyList<RunningKernelRow> RunningKernels { get; private set; } = [];

    public IReadOnlyList<UsageMeterRow> Meters { get; private set; } = [];

    public string PlanName { get; private set; } = "";

    /// <summary>What the user's kernels may reach: their plan's network as this hub enforces it.</summary>
    public string PlanNetwork { get; private set; } = "";

    public string? Error { get; private set; }

    /// <summary>What the last action did, from the redirect after it (<c>?done=</c>).</summary>
    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string? dir, string? done) =>
        WithCallerAsync(async caller =>
        {
            Notice = done;
            return await ListAsync(caller, dir).ConfigureAwait(false);
        });

    public Task<IActionResult> OnPostNewNotebookAsync(string? dir, string? template) =>
        ActAsync(dir, (caller, store) =>
        {
            var content = Templates.NotebookTemplates.Find(template ?? Templates.NotebookTemplates.Blank)
                ?? throw new HubApiException(StatusCodes.Status400BadRequest, $"No notebook template '{template}': choose one from the list.");
            var created = store.Create(Clean(dir), NewNotebook);
            store.Save(created.Path, JsonSerializer.SerializeToElement(new { type = "notebook", content }));
            return Task.FromResult<IActionResult>(Redirect(NotebookUrl(created.Path)));
        });

    public Task<IActionResult> OnPostNewFolderAsync(string? dir, string? name) =>
        ActAsync(dir, (caller, store) =>
        {
            var folder = RequireName(name, "folder");
            store.Save(Join(Clean(dir), folder), NewDirectory);
            return Task.FromResult(Back(dir, $"Folder {folder} created."));
        });

    public Task<IActionResult> OnPostUploadAsync(string? dir, IFormFile? file) =>
        ActAsync(dir, async (caller, store) =>
        {
            if (file is null || file.Length == 0)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "Choose a file to upload first.");
            }

            using var bytes = new MemoryStream((int)Math.Min(file.Length, MaxUploadBytes));
            await file.CopyToAsync(bytes, HttpContext.RequestAborted).ConfigureAwait(false);
            var uploaded = store.Upload(Clean(dir), Path.GetFileName(file.FileName), bytes.ToArray());
            return Back(dir, $"Uploaded {uploaded.Name} ({UsageMeterRow.FormatBytes(file.Length)}).");
        });

    public Task<IActionResult> OnPostRenameAsync(string? dir, string? path, string? name) =>
        ActAsync(dir, (caller, store) =>
        {
            var newName = RequireName(name, "new name");
            var renamed = store.Rename(Clean(path), Join(Clean(dir), newName));
            return Task.FromResult(Back(dir, $"Renamed to {renamed.Name}."));
        });

    public Task<IActionResult> OnPostDeleteAsync(string? dir, string? path) =>
        ActAsync(dir, (caller, store) =>
        {
            store.Delete(Clean(path));
            return Task.FromResult(Back(dir, $"Deleted {Path.GetFileName(Clean(path))}."));
        });

    public Task<IActionResult> OnPostStopKernelAsync(string? dir, string? id) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                caller.Require(Scopes.Kernels, caller.Self);
                if (id is null || kernels.FindOwned(id, caller.UserId) is null || !await kernels.StopAsync(id, caller.UserName).ConfigureAwait(false))
                {
                    // Someone else's kernel, or one already gone: the same answer (a foreign id is never confirmed).
                    throw new HubApiException(StatusCodes.Status404NotFound, "That kernel is not running (any more).");
                }
            }
            catch (HubApiException e)
            {
                return await FailAsync(caller, dir, e).ConfigureAwait(false);
            }

            return Back(dir, "Kernel stopped.");
        });

    /// <summary>A file's download link (jupyter_server's <c>/files/</c> route).</summary>
    public static string DownloadUrl(ContentsModel item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return "/files/" + string.Join('/', item.Path.Split('/').Select(Uri.EscapeDataString)) + "?download=1";
    }

    public static string NotebookUrl(string path) => "/notebooks/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public static string FolderUrl(string path) => path.Length == 0 ? "/hub/home" : "/hub/home?dir=" + Uri.EscapeDataString(path);


    /// <summary>Runs a change to the caller's files; a refusal (quota, conflict, bad name) is shown on the listing with its status.</summary>
    private Task<IActionResult> ActAsync(string? dir, Func<Caller, ContentsStore, Task<IActionResult>> action) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                caller.Require(Scopes.Contents, caller.Self);
                var store = await plans.ContentsAsync(caller, HttpContext.RequestAborted).ConfigureAwait(false);
                return await action(caller, store).ConfigureAwait(false);
            }
            catch (HubApiException e)
            {
                return await FailAsync(caller, dir, e).ConfigureAwait(false);
            }
        });

    private async Task<IActionResult> FailAsync(Caller caller, string? dir, HubApiException e)
    {
        Error = e.Message;
        var page = await ListAsync(caller, dir).ConfigureAwait(false);
        if (page is PageResult)
        {
            Response.StatusCode = e.StatusCode;
        }

        return page;
    }

    private IActionResult Back(string? dir, string done)
    {
        var url = FolderUrl(Clean(dir));
        return Redirect(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "done=" + Uri.EscapeDataString(done));
    }

    private async Task<IActionResult> ListAsync(Caller caller, string? dir)
    {
        Directory = Clean(dir);
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

        await LoadKernelsAndUsageAsync(caller).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadKernelsAndUsageAsync(Caller caller)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var paths = (await sessions.ListAsync(caller.UserId, cancellationToken).ConfigureAwait(false))
            .GroupBy(s => s.Kernel.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);
        RunningKernels =
        [
            .. kernels.OwnedBy(caller.UserId)
                .OrderBy(k => k.StartedAt)
                .Select(k => new RunningKernelRow(
                    k.Id,
                    specs.Find(k.Name)?.DisplayName ?? k.Name,
                    paths.GetValueOrDefault(k.Id),
                    KernelStates.ToExecutionState(k.State),
                    k.StartedAt,
                    k.Connections)),
        ];

        var user = await db.Users.FindAsync([caller.UserId], cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        var usage = await plans.UserUsageAsync(user, cancellationToken).ConfigureAwait(false);
        var plan = usage.Plan;
        PlanName = plan.DisplayName;
        PlanNetwork = Egress.KernelNetworks.Describe(kernels.NetworkFor(plan.KernelNetwork));
        Meters =
        [
            UsageMeterRow.Bytes("Storage", usage.StorageBytes, plan.StorageBytes),
            plan.GpuKernels ? UsageMeterRow.Hours("GPU time this month", usage.GpuSeconds, plan.GpuSecondsPerMonth) : UsageMeterRow.NotIncluded("GPU time"),
            UsageMeterRow.Hours("Kernel time this month", usage.KernelSeconds, null),
            UsageMeterRow.Count("Running kernels", usage.RunningKernels, plan.ConcurrentKernels),
            UsageMeterRow.Tokens("Agent tokens this month", usage.AgentInputTokens, usage.AgentOutputTokens),
            UsageMeterRow.Dollars("Agent cost this month", usage.AgentCostUsd),
        ];
    }

    private static string Clean(string? path) => (path ?? "").Trim('/');

    private static string Join(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";

    private static string RequireName(string? name, string what)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Contains('/', StringComparison.Ordinal) || trimmed.Contains('\\', StringComparison.Ordinal) || trimmed is "." or "..")
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"Give a {what} without slashes.");
        }

        return trimmed;
    }
}
