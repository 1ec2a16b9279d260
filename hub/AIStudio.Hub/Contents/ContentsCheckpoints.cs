using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>
/// One checkpoint per file, in <c>.ipynb_checkpoints</c> beside it, as Jupyter keeps them: create, list, restore, delete.
/// </summary>
public sealed class ContentsCheckpoints(ContentsStore store)
{
    public CheckpointModel Create(string path)
    {
        var full = store.ExistingFile(path);
        var checkpoint = ContentsStore.CheckpointPath(full);
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        ContentsFiles.WriteAtomically(checkpoint, File.ReadAllBytes(full));
        return new CheckpointModel(ContentsStore.CheckpointId, ContentsFiles.FormatTime(File.GetLastWriteTimeUtc(checkpoint)));
    }

    public IReadOnlyList<CheckpointModel> List(string path)
    {
        var checkpoint = ContentsStore.CheckpointPath(store.ExistingFile(path));
        return File.Exists(checkpoint) ? [new CheckpointModel(ContentsStore.CheckpointId, ContentsFiles.FormatTime(File.GetLastWriteTimeUtc(checkpoint)))] : [];
    }

    public void Restore(string path, string id)
    {
        var full = store.ExistingFile(path);
        var checkpoint = ContentsStore.CheckpointPath(full);
        if (id != ContentsStore.CheckpointId || !File.Exists(checkpoint))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"Checkpoint does not exist: {path}@{id}");
        }

        ContentsFiles.WriteAtomically(full, File.ReadAllBytes(checkpoint));
    }

    public void Delete(string path, string id)
    {
        var checkpoint = ContentsStore.CheckpointPath(store.ExistingFile(path));
        if (id != ContentsStore.CheckpointId || !File.Exists(checkpoint))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"Checkpoint does not exist: {path}@{id}");
        }

        File.Delete(checkpoint);
    }
}
