using System.Security.Cryptography;
using System.Text.Json;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using AIStudio.Serving;
using Microsoft.EntityFrameworkCore;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// The caller's deployments: versions uploaded as ONNX models (checked by opening them with ONNX Runtime, stored under the
/// data directory whole or not at all, within the plan's storage limit), the traffic split and rollback, keys, and deletion.
/// Each user sees only their own: another user's deployment answers 404. Refusals are logged with the user and the reason;
/// every change is audited.
/// </summary>
public sealed partial class DeploymentStore(HubDbContext db, HubOptions options, TimeProvider time, DeploymentCatalog catalog,
    DeploymentSessions sessions, DeploymentMetrics metrics, DeploymentRateLimiter limiter, PlanService plans, StorageMeter storage,
    AuditLog audit, FunctionLauncher functionLauncher, FunctionHosts functions, ILogger<DeploymentStore> logger)
{
    /// <summary>
    /// Adds a version from the upload form (<c>model</c>: the .onnx file; optional <c>note</c>) or a C# function (JSON
    /// <c>{"kind": "function", "source", "note"}</c>, or those fields in the form), making the deployment with its first
    /// version (which takes all the traffic; later ones take none until a split is set). 400 (name, no file, not a model
    /// ONNX Runtime loads, with its reason; a function that does not compile, with the compiler's errors), 413 (over
    /// <see cref="HubOptions.DeploymentMaxBytes"/>), 403 (the plan's storage limit, which the files of every version count
    /// toward).
    /// </summary>
    public async Task<DeploymentModel> AddVersionAsync(Caller caller, string name, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        string? staged = null;
        try
        {
            caller.Require(Scopes.Contents, caller.Self);
            name = DeploymentNames.Require(name);
            var upload = await ReadUploadAsync(request, cancellationToken).ConfigureAwait(false);
            await plans.EnsureStorageRoomAsync(caller, upload.Size, cancellationToken).ConfigureAwait(false);
            DeploymentSchema schema;
            string sha256;
            if (upload.Source is { } source)
            {
                staged = await StageAsync(source, ".cs", cancellationToken).ConfigureAwait(false);
                schema = await CompileAsync(staged, cancellationToken).ConfigureAwait(false);
                sha256 = Convert.ToHexStringLower(SHA256.HashData(source));
            }
            else
            {
                var file = upload.File!;
                staged = await StageAsync(file, cancellationToken).ConfigureAwait(false);
                (schema, sha256) = Inspect(staged, file);
            }

            var (deploymentId, number) = await CommitAsync(caller, name, staged, upload.Kind, upload.Size, sha256, schema, upload.Note, cancellationToken).ConfigureAwait(false);
            staged = null;
            catalog.Invalidate(caller.UserName, name);
            storage.Invalidate(caller.UserId);
            LogUploaded(logger, name, number, caller.UserName, upload.Size);
            await audit.RecordAsync(caller.UserName, AuditActions.DeploymentVersionCreated, Target(caller.UserName, name), caller.PrimaryOrganizationId,
                $"version {number}{(number == 1 ? " (new deployment)" : "")}, {(upload.Kind == DeploymentKinds.Function ? "C# function, " : "")}{upload.Size} bytes, sha256 {sha256}").ConfigureAwait(false);
            if (upload.Kind == DeploymentKinds.Function)
            {
                // Compiled and started now, so that the first call does not wait for it.
                functions.Prewarm(deploymentId, new ServedVersion(number, number == 1 ? 100 : 0, schema, catalog.VersionPath(deploymentId, number, upload.Kind), upload.Kind));
            }

            return await GetAsync(caller, name, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }
        finally
        {
            if (staged is not null)
            {
                File.Delete(staged);
            }
        }
    }

    public async Task<IReadOnlyList<DeploymentModel>> ListAsync(Caller caller, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var names = await db.Deployments.AsNoTracking().Where(d => d.OwnerId == caller.UserId).Select(d => d.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<DeploymentModel>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            models.Add(await GetAsync(caller, name, request, cancellationToken).ConfigureAwait(false));
        }

        return models;
    }

    public async Task<DeploymentModel> GetAsync(Caller caller, string name, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.Require(Scopes.ReadContents, caller.Self);
        var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
        var versions = await VersionsAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        var (_, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
        var baseUrl = DeploymentUrls.Base(request, caller.UserName, name);
        return new DeploymentModel(
            deployment.Name,
            caller.UserName,
            deployment.CreatedAt,
            deployment.UpdatedAt,
            Labels(versions.Where(v => v.TrafficPercent > 0).ToDictionary(v => v.Number, v => v.TrafficPercent)),
            TrafficSplit.FromJson(deployment.PreviousTraffic) is { } previous ? Labels(previous) : null,
            [.. versions.Select(v => new DeploymentVersionModel(v.Number, v.Kind, v.TrafficPercent, v.Note, v.SizeBytes, v.Sha256, v.CreatedAt,
                DeploymentSchema.Parse(v.Schema), $"{baseUrl}/v{v.Number}/predict"))],
            $"{baseUrl}/predict",
            $"{baseUrl}/openapi.json",
            options.DeploymentRequestsPerMinute ?? plan.DeploymentRequestsPerMinute);
    }

    /// <summary>Removes the deployment: its rows, keys, sessions, metrics and model files.</summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Contents, caller.Self);
        var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
        await RemoveAsync(deployment, caller.UserName, caller.UserName, caller.PrimaryOrganizationId, "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes every deployment of a user whose account is being deleted (before the account, so nothing of theirs is
    /// left: rows, keys, loaded models, metrics, model files); <paramref name="actor"/> is who deletes the account.
    /// </summary>
    public async Task DeleteAllOfAsync(string ownerId, string ownerName, string? organizationId, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var owned = await db.Deployments.AsNoTracking().Where(d => d.OwnerId == ownerId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var deployment in owned)
        {
            await RemoveAsync(deployment, ownerName, actor, organizationId, "with the owner's account", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveAsync(Deployment deployment, string ownerName, string actor, string? organizationId, string detail, CancellationToken cancellationToken)
    {
        await db.DeploymentKeys.Where(k => k.DeploymentId == deployment.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.DeploymentVersions.Where(v => v.DeploymentId == deployment.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Deployments.Where(d => d.Id == deployment.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        catalog.Invalidate(ownerName, deployment.Name);
        catalog.EvictKeysOf(deployment.Id);
        sessions.Remove(deployment.Id);
        await functions.RemoveAsync(deployment.Id).ConfigureAwait(false);
        metrics.Remove(deployment.Id);
        limiter.Remove(deployment.Id);
        RemoveFiles(deployment.Id);
        storage.Invalidate(deployment.OwnerId);
        LogDeleted(logger, deployment.Name, ownerName);
        await audit.RecordAsync(actor, AuditActions.DeploymentDeleted, Target(ownerName, deployment.Name), organizationId, detail).ConfigureAwait(false);
    }

    /// <summary>Sets the traffic split (<see cref="TrafficSplit.Parse"/>); the split it replaces is kept for <see cref="RollbackAsync"/>.</summary>
    public async Task<DeploymentModel> SetTrafficAsync(Caller caller, string name, JsonElement? body, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            caller.Require(Scopes.Contents, caller.Self);
            var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
            var versions = await VersionsAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
            var split = TrafficSplit.Parse(body, [.. versions.Select(v => v.Number)]);
            await ApplyAsync(caller, deployment, versions, split, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(caller.UserName, AuditActions.DeploymentTrafficChanged, Target(caller.UserName, name), caller.PrimaryOrganizationId,
                $"{Describe(versions)} -> {TrafficSplit.ToJson(split)}").ConfigureAwait(false);
            return await GetAsync(caller, name, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }
    }

    /// <summary>
    /// All traffic to <c>{"version": n}</c>, or else to the version that had the most traffic before the last change (409
    /// when the split was never changed).
    /// </summary>
    public async Task<DeploymentModel> RollbackAsync(Caller caller, string name, JsonElement? body, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            caller.Require(Scopes.Contents, caller.Self);
            var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
            var versions = await VersionsAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
            int target;
            if (body.GetNumber("version") is { } asked)
            {
                target = asked % 1 == 0 && versions.Any(v => v.Number == (int)asked)
                    ? (int)asked
                    : throw new HubApiException(StatusCodes.Status400BadRequest,
                        $"Version {asked} is not a version of '{name}': it has {string.Join(", ", versions.Select(v => v.Number))}.");
            }
            else
            {
                var previous = TrafficSplit.FromJson(deployment.PreviousTraffic)
                    ?? throw new HubApiException(StatusCodes.Status409Conflict,
                        $"'{name}' has had one traffic split only: nothing to roll back to. Name the version: {{\"version\": n}}.");
                target = previous.Where(p => p.Value > 0 && versions.Any(v => v.Number == p.Key))
                    .OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Select(p => (int?)p.Key).FirstOrDefault()
                    ?? throw new HubApiException(StatusCodes.Status409Conflict, $"The versions of the earlier split of '{name}' are gone: name the version, {{\"version\": n}}.");
            }

            await ApplyAsync(caller, deployment, versions, new SortedDictionary<int, int> { [target] = 100 }, cancellationToken).ConfigureAwait(false);
            LogRolledBack(logger, name, caller.UserName, target);
            await audit.RecordAsync(caller.UserName, AuditActions.DeploymentRolledBack, Target(caller.UserName, name), caller.PrimaryOrganizationId,
                $"{Describe(versions)} -> version {target}").ConfigureAwait(false);
            return await GetAsync(caller, name, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }
    }

    public async Task<DeploymentKeyModel> CreateKeyAsync(Caller caller, string name, JsonElement? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            caller.Require(Scopes.Contents, caller.Self);
            var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
            var note = body.GetString("note")?.Trim() ?? "";
            if (note.Length > 500)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"'note' is {note.Length} characters long: at most 500.");
            }

            var scopes = body.GetStrings("scopes") ?? [DeploymentKeys.Predict];
            var unknown = scopes.FirstOrDefault(s => !DeploymentKeys.KnownScopes.Contains(s, StringComparer.Ordinal));
            if (scopes.Count == 0 || unknown is not null)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest,
                    $"{(unknown is null ? "No scopes" : $"Unknown scope '{unknown}'")}: a deployment key's scopes are {string.Join(", ", DeploymentKeys.KnownScopes)}.");
            }

            var value = DeploymentKeys.NewKey();
            var key = new DeploymentKey
            {
                DeploymentId = deployment.Id,
                Hash = TokenHashing.Hash(value),
                Prefix = DeploymentKeys.Prefix(value),
                Note = note,
                Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal)),
                CreatedAt = time.GetUtcNow(),
            };
            db.DeploymentKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogKeyCreated(logger, key.Id, name, caller.UserName);
            await audit.RecordAsync(caller.UserName, AuditActions.DeploymentKeyCreated, Target(caller.UserName, name), caller.PrimaryOrganizationId,
                $"key {key.Id} ({key.Prefix}…) scopes [{key.Scopes}]").ConfigureAwait(false);
            return DeploymentKeyModel.From(key) with { Key = value };
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }
    }

    public async Task<IReadOnlyList<DeploymentKeyModel>> ListKeysAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
        var keys = await db.DeploymentKeys.AsNoTracking().Where(k => k.DeploymentId == deployment.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. keys.OrderBy(k => k.CreatedAt).Select(DeploymentKeyModel.From)];
    }

    public async Task RevokeKeyAsync(Caller caller, string name, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Contents, caller.Self);
        var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
        var key = await db.DeploymentKeys.FirstOrDefaultAsync(k => k.DeploymentId == deployment.Id && k.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"'{name}' has no key {id}: GET /hub/api/deployments/{name}/keys lists them.");
        db.DeploymentKeys.Remove(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        catalog.EvictKey(key.Hash);
        LogKeyRevoked(logger, key.Id, name, caller.UserName);
        await audit.RecordAsync(caller.UserName, AuditActions.DeploymentKeyRevoked, Target(caller.UserName, name), caller.PrimaryOrganizationId,
            $"key {key.Id} ({key.Prefix}…)").ConfigureAwait(false);
    }

    /// <summary>The deployment's metrics since the hub started, by version (refusals before a version was chosen under <c>none</c>).</summary>
    public async Task<DeploymentMetricsModel> MetricsAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var deployment = await FindAsync(caller, name, cancellationToken).ConfigureAwait(false);
        var numbers = await db.DeploymentVersions.AsNoTracking().Where(v => v.DeploymentId == deployment.Id).Select(v => v.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var measured = metrics.Of(deployment.Id);
        var empty = new VersionMetrics().Read();
        var versions = numbers.Order().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(label => VersionMetricsModel.From(label, measured.GetValueOrDefault(label) ?? empty)).ToList();
        var refused = measured.GetValueOrDefault(DeploymentMetrics.NoVersion) ?? empty;
        return new DeploymentMetricsModel(deployment.Name, metrics.Since, versions, VersionMetricsModel.From(DeploymentMetrics.NoVersion, refused));
    }

    private async Task ApplyAsync(Caller caller, Deployment deployment, IReadOnlyList<DeploymentVersion> versions, IReadOnlyDictionary<int, int> split, CancellationToken cancellationToken)
    {
        var tracked = await db.Deployments.FirstAsync(d => d.Id == deployment.Id, cancellationToken).ConfigureAwait(false);
        tracked.PreviousTraffic = TrafficSplit.ToJson(versions.ToDictionary(v => v.Number, v => v.TrafficPercent));
        tracked.UpdatedAt = time.GetUtcNow();
        foreach (var version in await db.DeploymentVersions.Where(v => v.DeploymentId == deployment.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            version.TrafficPercent = split.GetValueOrDefault(version.Number);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        catalog.Invalidate(caller.UserName, deployment.Name);
        foreach (var idle in versions.Where(v => v.Kind == DeploymentKinds.Function && split.GetValueOrDefault(v.Number) == 0))
        {
            // No traffic: its serving process goes (a call naming the version starts one again).
            await functions.StopAsync(deployment.Id, idle.Number).ConfigureAwait(false);
        }

        var splitText = TrafficSplit.ToJson(split);
        LogTraffic(logger, deployment.Name, caller.UserName, splitText);
    }

    private async Task<Deployment> FindAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        (DeploymentNames.IsValid(name)
            ? await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.OwnerId == caller.UserId && d.Name == name, cancellationToken).ConfigureAwait(false)
            : null)
        ?? throw new HubApiException(StatusCodes.Status404NotFound, $"You have no deployment named '{name}': GET /hub/api/deployments lists yours.");

    private async Task<List<DeploymentVersion>> VersionsAsync(string deploymentId, CancellationToken cancellationToken) =>
        await db.DeploymentVersions.AsNoTracking().Where(v => v.DeploymentId == deploymentId).OrderBy(v => v.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    private static Dictionary<string, int> Labels(IReadOnlyDictionary<int, int> split) =>
        split.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value, StringComparer.Ordinal);

    private async Task<VersionUpload> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var kind = body.GetString("kind");
            return kind == DeploymentKinds.Function
                ? FunctionUpload(body.GetString("source"), body.GetString("note"))
                : throw new HubApiException(StatusCodes.Status400BadRequest,
                    $"A JSON body publishes a C# function: {{\"kind\": \"function\", \"source\": \"…\", \"note\": \"…\"}}{(kind is null ? "" : $", not kind '{kind}'")}. Send an ONNX model as multipart/form-data (the field 'model').");
        }

        if (!request.HasFormContentType)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "Send the model as multipart/form-data: the .onnx file as the field 'model', optionally a 'note'; or a C# function as JSON: {\"kind\": \"function\", \"source\": \"…\"}.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException || (e is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            throw TooLarge(null, e);
        }

        var formKind = form["kind"].ToString();
        if (formKind == DeploymentKinds.Function)
        {
            var sourceFile = form.Files.GetFile("source");
            string? text = form["source"].Count > 0 ? form["source"].ToString() : null;
            if (text is null && sourceFile is not null)
            {
                using var reader = new StreamReader(sourceFile.OpenReadStream(), System.Text.Encoding.UTF8);
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }

            return FunctionUpload(text, form["note"].ToString());
        }

        if (formKind.Length > 0 && formKind != DeploymentKinds.Onnx)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'kind' is '{Printable(formKind)}': a version is 'onnx' (the field 'model') or 'function' (the field 'source').");
        }

        var file = form.Files.GetFile("model")
            ?? throw new HubApiException(StatusCodes.Status400BadRequest, "No model: send the .onnx file as the form field 'model' (multipart/form-data).");
        if (file.Length > options.DeploymentMaxBytes)
        {
            throw TooLarge(file.Length, null);
        }

        if (file.Length == 0)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "The model file is empty: send the .onnx file ML.NET, PyTorch or another exporter wrote.");
        }

        return new VersionUpload(DeploymentKinds.Onnx, file, null, file.Length, Note(form["note"].ToString()));
    }

    private HubApiException TooLarge(long? bytes, Exception? inner) => new(StatusCodes.Status413PayloadTooLarge,
        $"The model is {(bytes is { } b ? $"{PlanContentsQuota.Size(b)} ({b} bytes)" : "larger than the hub takes")}: a deployment version may be at most " +
        $"{PlanContentsQuota.Size(options.DeploymentMaxBytes)} ({options.DeploymentMaxBytes} bytes). Quantize or prune the model to make it smaller.", inner);

    /// <summary>Copies the upload to a staging file on the same disk as the models (so it can be moved into place atomically).</summary>
    private async Task<string> StageAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(options.DeploymentsDirectory, ".staging");
        Directory.CreateDirectory(staging);
        var path = Path.Combine(staging, $"{Guid.NewGuid():N}.onnx");
        var source = file.OpenReadStream();
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                target.Flush(flushToDisk: true);
            }
        }

        return path;
    }

    /// <summary>Opens the staged model with ONNX Runtime: its schema and SHA-256, or a 400 with ONNX Runtime's reason.</summary>
    private static (DeploymentSchema Schema, string Sha256) Inspect(string path, IFormFile file)
    {
        DeploymentSchema schema;
        try
        {
            using var sessionOptions = DeploymentSessions.NewOptions();
            using var session = new InferenceSession(path, sessionOptions);
            schema = DeploymentSchema.From(session);
        }
        catch (OnnxRuntimeException e)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"{FileName(file)} is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"{FileName(file)} cannot be served: {e.Message}", e);
        }

        using var stream = File.OpenRead(path);
        return (schema, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Adds the version's row and moves its file into place, in one transaction; a race for the same number is retried.</summary>
    private async Task<(string DeploymentId, int Number)> CommitAsync(Caller caller, string name, string staged, string kind, long size, string sha256, DeploymentSchema schema, string note, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                string? placed = null;
                try
                {
                    var now = time.GetUtcNow();
                    var deployment = await db.Deployments.FirstOrDefaultAsync(d => d.OwnerId == caller.UserId && d.Name == name, cancellationToken).ConfigureAwait(false);
                    if (deployment is null)
                    {
                        deployment = new Deployment { OwnerId = caller.UserId, Name = name, CreatedAt = now, UpdatedAt = now };
                        db.Deployments.Add(deployment);
                    }

                    var last = await db.DeploymentVersions.Where(v => v.DeploymentId == deployment.Id).MaxAsync(v => (int?)v.Number, cancellationToken).ConfigureAwait(false) ?? 0;
                    var number = last + 1;
                    db.DeploymentVersions.Add(new DeploymentVersion
                    {
                        DeploymentId = deployment.Id,
                        Number = number,
                        Kind = kind,
                        Note = note,
                        Sha256 = sha256,
                        SizeBytes = size,
                        Schema = schema.ToJson(),
                        TrafficPercent = number == 1 ? 100 : 0,
                        CreatedAt = now,
                    });
                    deployment.UpdatedAt = now;
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                    placed = catalog.VersionPath(deployment.Id, number, kind);
                    Directory.CreateDirectory(Path.GetDirectoryName(placed)!);
                    File.Move(staged, placed, overwrite: true);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return (deployment.Id, number);
                }
                catch (DbUpdateException e) when (attempt < 5)
                {
                    // Another upload to the same deployment took the number (or made the deployment) first: try again.
                    var reason = e.GetBaseException().Message;
                    LogRetry(logger, name, caller.UserName, reason);
                }
                catch (Exception) when (placed is not null && File.Exists(placed))
                {
                    File.Move(placed, staged, overwrite: true);
                    throw;
                }
            }
        }
    }

    private void RemoveFiles(string deploymentId)
    {
        var folder = Path.Combine(options.DeploymentsDirectory, deploymentId);
        if (!Directory.Exists(folder))
        {
            return;
        }

        // Renamed first, so the folder is gone at once even if deleting its files is interrupted.
        var trash = Path.Combine(options.DeploymentsDirectory, ".staging", $"deleted-{deploymentId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(trash)!);
        Directory.Move(folder, trash);
        Directory.Delete(trash, recursive: true);
    }

    /// <summary>What an audit entry names: <c>owner/name</c>.</summary>
    private static string Target(string owner, string name) => $"{owner}/{name}";

    /// <summary>A split as the audit shows it: <c>{"1":90,"2":10}</c>.</summary>
    private static string Describe(IReadOnlyList<DeploymentVersion> versions) =>
        TrafficSplit.ToJson(versions.ToDictionary(v => v.Number, v => v.TrafficPercent));

    private static string FileName(IFormFile file) => file.FileName is { Length: > 0 } name ? $"'{Printable(Path.GetFileName(name))}'" : "The file";

    private void LogRefusal(Caller caller, HubApiException e) =>
        LogRefused(logger, caller.UserName, e.StatusCode, Printable(e.Message));

    private static string Printable(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? '?' : source[i];
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment change by {User} refused: {StatusCode}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string user, int statusCode, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version} uploaded by {User}: {Bytes} bytes.")]
    private static partial void LogUploaded(ILogger logger, string deployment, int version, string user, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of {User}: traffic split {Split}.")]
    private static partial void LogTraffic(ILogger logger, string deployment, string user, string split);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of {User} rolled back to version {Version}.")]
    private static partial void LogRolledBack(ILogger logger, string deployment, string user, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of {User} deleted.")]
    private static partial void LogDeleted(ILogger logger, string deployment, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment key {Key} of {Deployment} created by {User}.")]
    private static partial void LogKeyCreated(ILogger logger, string key, string deployment, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment key {Key} of {Deployment} revoked by {User}.")]
    private static partial void LogKeyRevoked(ILogger logger, string key, string deployment, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload to deployment {Deployment} of {User} raced another; retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string deployment, string user, string reason);
}
