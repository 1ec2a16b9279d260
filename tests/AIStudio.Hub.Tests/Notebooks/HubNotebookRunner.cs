using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests.Notebooks;

/// <summary>
/// Runs a notebook of <c>notebooks/</c> as its user would on the hub: saved into the user's files, opened in a session
/// (the hub starts a real kernel, with the hub's address and a token of the user), every code cell executed in order
/// over the kernel WebSocket; the session is deleted (and the kernel stopped) at the end.
/// </summary>
public static class HubNotebookRunner
{
    /// <summary>Generous for two shared CI cores: the first cell compiles C# cold, and some cells train models.</summary>
    public static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(180);

    public static string NotebooksDirectory => Path.Combine(RepositoryLayout.RootDirectory, "notebooks");

    /// <summary>Runs every code cell of <paramref name="name"/>; stops at the first cell that fails (its run is the last one returned).</summary>
    public static async Task<IReadOnlyList<NotebookCellRun>> RunAsync(HubFixture hub, TestUser user, string name)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(user);
        var path = Path.Combine(NotebooksDirectory, name);
        using (var notebook = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
        using (var saved = await user.Client.PutAsJsonAsync($"api/contents/{name}", new { type = "notebook", format = "json", content = notebook.RootElement }))
        {
            Assert.True(saved.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }

        using var created = await user.Client.PostAsJsonAsync("api/sessions", new { path = name, name, type = "notebook", kernel = new { name = "aistudio-csharp" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var session = await created.JsonAsync();
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;
        var runs = new List<NotebookCellRun>();
        try
        {
            using var connect = Timeouts.After(Timeouts.Ready);
            await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, connect.Token, token: user.Token);
            foreach (var (index, source) in CodeCells(path))
            {
                using var timeout = Timeouts.After(CellTimeout);
                List<ReceivedMessage> seen;
                try
                {
                    (_, seen) = await socket.RunAsync(source, timeout.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    Assert.Fail($"{name}, cell {index}: no reply within {CellTimeout.TotalSeconds} s.\n--- the cell ---\n{source}");
                    throw;
                }

                var reply = seen.Last(m => m.MessageType == "execute_reply");
                var run = new NotebookCellRun(index, source, reply.Content.GetProperty("status").GetString()!, [.. seen.Where(m => m.ParentId == reply.ParentId)]);
                runs.Add(run);
                if (run.Failed)
                {
                    break;
                }
            }
        }
        finally
        {
            using var deleted = await user.Client.DeleteAsync($"api/sessions/{session.GetProperty("id").GetString()}");
        }

        return runs;
    }

    /// <summary>The notebooks whose metadata says they need the hub (the kernel tests run the others).</summary>
    public static TheoryData<string> HubNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).Where(RequiresHub))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static bool RequiresHub(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("metadata").TryGetProperty("aistudio", out var aistudio)
            && aistudio.TryGetProperty("requires", out var requires)
            && requires.EnumerateArray().Any(r => r.GetString() == "hub");
    }

    /// <summary>The notebook's code cells in order: index among all cells, and source.</summary>
    private static List<(int Index, string Source)> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<(int, string)>();
        var index = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                var source = cell.GetProperty("source");
                cells.Add((index, source.ValueKind == JsonValueKind.Array
                    ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
                    : source.GetString() ?? ""));
            }

            index++;
        }

        return cells;
    }
}
