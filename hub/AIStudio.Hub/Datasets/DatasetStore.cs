using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AIStudio.Extensions.Datasets;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Licensing;
using AIStudio.Extensions.Datasets.Registration;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;

namespace AIStudio.Hub.Datasets;

/// <summary>
/// The caller's uploaded datasets, kept in their own files as <c>datasets/{name}/</c>: <c>data.csv</c>, <c>LICENSE</c>
/// and <c>dataset.json</c> (<see cref="DatasetManifest"/>). An upload is accepted only under a licence the Datasets
/// extension's <see cref="LicensePolicy"/> accepts for the caller's plan (the same rules as <c>Datasets.Register</c> in a
/// notebook); everything is checked before anything is written, and the folder appears whole or not at all, within the
/// plan's storage limit. Refusals are logged with the user and the reason, never with the data.
/// </summary>
public sealed partial class DatasetStore(PlanService plans, LicensePolicy policy, LicenseMatcher matcher, HubOptions options, TimeProvider time,
    ILogger<DatasetStore> logger)
{
    /// <summary>The top-level folder of a user's files that holds their datasets.</summary>
    public const string Folder = "datasets";
    public const string DataFile = "data.csv";
    public const string ManifestFile = "dataset.json";
    public const string LicenseFile = "LICENSE";

    /// <summary>The longest licence text taken (the longest SPDX text shipped, GPL-3.0, is about 35 KB).</summary>
    public const int MaxLicenseBytes = 1024 * 1024;

    /// <summary>A <c>dataset.json</c> larger than this is not read (one the hub writes is a few KB plus the licence text).</summary>
    private const long MaxManifestBytes = 4L * 1024 * 1024;

    // The datasets shipped with the extension: their names are not taken by uploads (as Datasets.Register refuses them).
    private static readonly Lazy<FrozenSet<string>> CuratedNames = new(() =>
        new DatasetCatalog(new DatasetsSettings().CatalogDirectory).List().Select(d => d.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads the upload form and stores the dataset (<see cref="UploadAsync(Caller, DatasetUpload, CancellationToken)"/>).</summary>
    public async Task<DatasetModel> UploadAsync(Caller caller, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DatasetUpload upload;
        try
        {
            caller.Require(Scopes.Contents, caller.Self);
            upload = await DatasetUpload.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }

        return await UploadAsync(caller, upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks and stores an upload: 400 (name, no file, empty or not text), 409 (the name is taken), 413 (over
    /// <see cref="HubOptions.DatasetMaxBytes"/>), 422 (licence refused: the licence check's message says why and what to
    /// do), 403 (the plan's storage limit); the stored dataset, with the licence check's message and warnings.
    /// </summary>
    public async Task<DatasetModel> UploadAsync(Caller caller, DatasetUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(upload);
        try
        {
            var model = await StoreAsync(caller, upload, cancellationToken).ConfigureAwait(false);
            LogUploaded(logger, model.Name, caller.UserName, model.License, model.DetectionMethod, model.DetectionScore, model.Size);
            return model;
        }
        catch (HubApiException e)
        {
            LogRefusal(caller, e);
            throw;
        }
    }

    /// <summary>The caller's datasets, by name.</summary>
    public IReadOnlyList<DatasetModel> List(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        string folder;
        try
        {
            folder = plans.ContentsForReading(caller).Resolve(Folder);
        }
        catch (HubApiException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return [];
        }

        if (!Directory.Exists(folder))
        {
            return [];
        }

        var found = new List<DatasetModel>();
        foreach (var directory in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (DatasetNames.IsValid(name) && Read(directory, name) is { } model)
            {
                found.Add(model);
            }
        }

        return found;
    }

    /// <summary>One of the caller's datasets; 404 for a name they have no dataset under (whoever else may have one).</summary>
    public DatasetModel Get(Caller caller, string name)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        return Find(plans.ContentsForReading(caller), name);
    }

    /// <summary>Removes one of the caller's datasets (its whole folder); 404 as <see cref="Get"/>.</summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Contents, caller.Self);
        Find(plans.ContentsForReading(caller), name);
        var store = await plans.ContentsAsync(caller, cancellationToken).ConfigureAwait(false);
        store.DeleteDirectoryTree($"{Folder}/{name}");
        LogDeleted(logger, name, caller.UserName);
    }

    private async Task<DatasetModel> StoreAsync(Caller caller, DatasetUpload upload, CancellationToken cancellationToken)
    {
        caller.Require(Scopes.Contents, caller.Self);
        var name = DatasetNames.Require(upload.Name);
        var path = $"{Folder}/{name}";
        if (CuratedNames.Value.Contains(name))
        {
            throw new HubApiException(StatusCodes.Status409Conflict,
                $"'{name}' is the name of a dataset shipped with the Datasets extension: upload yours under another name (e.g. my-{name}).");
        }

        if (Exists(plans.ContentsForReading(caller), path))
        {
            throw Taken(name);
        }

        var file = upload.File
            ?? throw new HubApiException(StatusCodes.Status400BadRequest, "No CSV file: send it as the form field 'file' (multipart/form-data).");
        var max = options.DatasetMaxBytes;
        if (file.Length > max)
        {
            throw new HubApiException(StatusCodes.Status413PayloadTooLarge,
                $"{FileName(file)} is {PlanContentsQuota.Size(file.Length)} ({file.Length} bytes): a dataset may be at most {PlanContentsQuota.Size(max)} ({max} bytes). " +
                "Split the data into smaller datasets, or keep only the columns and rows you need.");
        }

        var sha256 = await ScanAsync(file, cancellationToken).ConfigureAwait(false);
        var licenseText = await LicenseTextAsync(upload, cancellationToken).ConfigureAwait(false);

        var (_, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
        var commercial = PlanCatalog.IsCommercial(plan);
        var decision = Decide(upload.License, licenseText, commercial);
        var license = decision.License!;

        // The licence travels with the data: the text the uploader gave, else the SPDX text shipped with the extension.
        var licenseBytes = Encoding.UTF8.GetBytes(licenseText ?? SpdxLicenses.Text(license.Id));
        var manifest = new DatasetManifest(
            new ProvenanceRecord
            {
                Name = name,
                File = DataFile,
                Sha256 = sha256,
                License = license.Id,
                LicenseName = license.Name,
                DetectionMethod = decision.Method,
                DetectionScore = Math.Round(decision.Score, 4),
                Warnings = decision.Warnings,
                Attribution = upload.Citation,
                LicenseText = decision.Method == "text-match" ? licenseText : null,
                CommercialPlan = commercial,
                RegisteredBy = caller.UserName,
                RegisteredAt = time.GetUtcNow(),
            },
            upload.Source ?? "",
            upload.Citation ?? "");
        var manifestBytes = manifest.ToJson();

        var store = await plans.ContentsAsync(caller, cancellationToken).ConfigureAwait(false);
        try
        {
            await store.CreateDirectoryAsync(path, file.Length + licenseBytes.Length + manifestBytes.Length, async (staging, token) =>
            {
                var data = file.OpenReadStream();
                await using (data.ConfigureAwait(false))
                {
                    var target = new FileStream(Path.Combine(staging, DataFile), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await using (target.ConfigureAwait(false))
                    {
                        await data.CopyToAsync(target, token).ConfigureAwait(false);
                        target.Flush(flushToDisk: true);
                    }
                }

                await File.WriteAllBytesAsync(Path.Combine(staging, LicenseFile), licenseBytes, token).ConfigureAwait(false);
                await File.WriteAllBytesAsync(Path.Combine(staging, ManifestFile), manifestBytes, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e) when (e.StatusCode == StatusCodes.Status409Conflict && Exists(plans.ContentsForReading(caller), path))
        {
            // Another upload of the same name finished first.
            throw Taken(name);
        }

        return DatasetModel.From(name, manifest, file.Length) with { Message = decision.Message };
    }

    /// <summary>The licence decision for the plan; a 422 that says why and what to do when the licence is refused.</summary>
    private LicenseDecision Decide(string? spdxId, string? licenseText, bool commercial)
    {
        var decision = policy.Evaluate(spdxId, licenseText, commercial);
        if (!decision.Accepted)
        {
            var reason = (decision.License, decision.Method) switch
            {
                (not null, _) => "License Not Allowed",
                (null, "spdx-id") => "Unknown License",
                (null, "text-match") => "License Not Recognised",
                _ => "No License",
            };

            // The policy speaks to notebook users (Datasets.Register's parameter licenseText); here the field is license_text.
            throw new HubApiException(StatusCodes.Status422UnprocessableEntity, decision.Message.Replace("licenseText", "license_text", StringComparison.Ordinal))
            {
                Reason = reason,
            };
        }

        // Both an id and a text: the decision is on the id, so the text stored as LICENSE must be that licence's.
        if (spdxId is not null && licenseText is not null)
        {
            var named = decision.License!;
            var match = matcher.Match(licenseText);
            if (!match.IsMatch || match.License.Id != named.Id)
            {
                var found = match.IsMatch
                    ? string.Create(CultureInfo.InvariantCulture, $"is the text of {match.License.Id} (similarity {match.Score:0.00})")
                    : string.Create(CultureInfo.InvariantCulture, $"was not recognised (closest: {match.License.Id}, similarity {match.Score:0.00})");
                throw new HubApiException(StatusCodes.Status422UnprocessableEntity,
                    $"'license' says {named.Id}, but the licence text sent {found}, so the data is refused. Send the full text of {named.Id}, " +
                    "or only the SPDX id (the licence's SPDX text is then stored with the data).")
                {
                    Reason = "License Mismatch",
                };
            }
        }

        return decision;
    }

    /// <summary>The licence text sent as <c>license_text</c> or as the file <c>license_file</c> (UTF-8), or null.</summary>
    private static async Task<string?> LicenseTextAsync(DatasetUpload upload, CancellationToken cancellationToken)
    {
        if (upload.LicenseFile is not { } licenseFile)
        {
            return upload.LicenseText is { } text && Encoding.UTF8.GetByteCount(text) > MaxLicenseBytes
                ? throw LicenseTooLarge("'license_text'", Encoding.UTF8.GetByteCount(text))
                : upload.LicenseText;
        }

        if (upload.LicenseText is not null)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Send the licence text once: as 'license_text' or as the file 'license_file', not both.");
        }

        if (licenseFile.Length > MaxLicenseBytes)
        {
            throw LicenseTooLarge($"'license_file' ({FileName(licenseFile)})", licenseFile.Length);
        }

        using var bytes = new MemoryStream((int)licenseFile.Length);
        var stream = licenseFile.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        var decoded = ContentsFiles.DecodeText(bytes.ToArray())
            ?? throw new HubApiException(StatusCodes.Status400BadRequest, $"'license_file' ({FileName(licenseFile)}) is not UTF-8 text: send the licence's text.");
        return string.IsNullOrWhiteSpace(decoded)
            ? throw new HubApiException(StatusCodes.Status400BadRequest, $"'license_file' ({FileName(licenseFile)}) is empty: send the licence's full text, or its SPDX id as 'license'.")
            : decoded;
    }

    /// <summary>
    /// Reads the CSV once: refuses an empty file or one that is not text (NUL bytes: binary, or UTF-16), and hashes it —
    /// SHA-256 in lower-case hex, as the Datasets extension records and checks it.
    /// </summary>
    private static async Task<string> ScanAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        var blank = true;
        long offset = 0;
        try
        {
            var stream = file.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, 81920), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    if (chunk.IndexOf((byte)0) is var nul and >= 0)
                    {
                        throw new HubApiException(StatusCodes.Status400BadRequest,
                            $"{FileName(file)} is not a text file (a NUL byte at offset {offset + nul}): upload the data as CSV text, UTF-8 encoded, with a header row.");
                    }

                    blank = blank && chunk.IndexOfAnyExcept(" \t\r\n"u8) < 0;
                    hash.AppendData(chunk);
                    offset += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return blank
            ? throw new HubApiException(StatusCodes.Status400BadRequest, $"{FileName(file)} is empty: a dataset needs a header row and at least one row of data.")
            : Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static DatasetModel Find(ContentsStore store, string name)
    {
        if (DatasetNames.IsValid(name))
        {
            try
            {
                if (Read(store.Resolve($"{Folder}/{name}"), name) is { } model)
                {
                    return model;
                }
            }
            catch (HubApiException e) when (e.StatusCode == StatusCodes.Status404NotFound)
            {
            }
        }

        throw new HubApiException(StatusCodes.Status404NotFound, $"You have no dataset named '{name}': GET /hub/api/datasets lists yours.");
    }

    /// <summary>The dataset in <paramref name="directory"/>, or null when it holds no readable <c>dataset.json</c> (links are not followed).</summary>
    private static DatasetModel? Read(string directory, string name)
    {
        if (!Directory.Exists(directory) || new DirectoryInfo(directory).LinkTarget is not null)
        {
            return null;
        }

        var manifestFile = new FileInfo(Path.Combine(directory, ManifestFile));
        if (!manifestFile.Exists || manifestFile.LinkTarget is not null || manifestFile.Length > MaxManifestBytes)
        {
            return null;
        }

        if (DatasetManifest.Parse(File.ReadAllBytes(manifestFile.FullName)) is not { } manifest)
        {
            return null;
        }

        var dataName = manifest.Provenance.File;
        var data = dataName.Length > 0 && Path.GetFileName(dataName) == dataName ? new FileInfo(Path.Combine(directory, dataName)) : null;
        var size = data is { Exists: true, LinkTarget: null } ? data.Length : 0;
        return DatasetModel.From(name, manifest, size);
    }

    private static bool Exists(ContentsStore store, string path)
    {
        try
        {
            var full = store.Resolve(path);
            return File.Exists(full) || Directory.Exists(full);
        }
        catch (HubApiException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            // A link on the way: not somewhere a dataset can be stored either.
            return true;
        }
    }

    private static HubApiException Taken(string name) => new(StatusCodes.Status409Conflict,
        $"You already have a dataset named '{name}' ({Folder}/{name}): nothing was overwritten. Upload under another name, or delete it first (DELETE /hub/api/datasets/{name}).");

    private static HubApiException LicenseTooLarge(string what, long bytes) => new(StatusCodes.Status413PayloadTooLarge,
        $"{what} is {PlanContentsQuota.Size(bytes)}: a licence text is at most {PlanContentsQuota.Size(MaxLicenseBytes)}. Send the licence's own text (or its SPDX id as 'license').");

    private static string FileName(IFormFile file) => file.FileName is { Length: > 0 } name ? $"'{Printable(Path.GetFileName(name))}'" : "The file";

    private void LogRefusal(Caller caller, HubApiException e) =>
        LogRefused(logger, caller.UserName, e.StatusCode, e.Reason ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(e.StatusCode), Printable(e.Message));

    /// <summary>Text from the request as it may go into a message or the log: control characters (new lines…) replaced.</summary>
    private static string Printable(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? '?' : source[i];
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset upload by {User} refused: {StatusCode} {Reason}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string user, int statusCode, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset} uploaded by {User}: {License} ({Method}, score {Score}), {Bytes} bytes.")]
    private static partial void LogUploaded(ILogger logger, string dataset, string user, string license, string method, double score, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset} of {User} deleted.")]
    private static partial void LogDeleted(ILogger logger, string dataset, string user);
}
