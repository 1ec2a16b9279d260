using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Licensing;

namespace AIStudio.Hub.Tests;

/// <summary>
/// <c>/hub/api/datasets</c>: CSV uploads accepted only under a licence the Datasets extension's policy accepts for the
/// caller's plan, stored whole (data, licence, provenance) in the caller's files, or refused with nothing stored.
/// </summary>
[Collection(HubTests.Name)]
public sealed class DatasetTests(HubFixture hub)
{
    [Fact]
    public async Task A_csv_under_cc_by_4_is_stored_with_its_licence_text_and_provenance()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        var csv = DatasetForm.Csv("penguin", rows: 5);
        using var response = await DatasetForm.UploadAsync(user.Client, "field-survey", csv, license: "CC-BY-4.0",
            source: "https://example.org/survey", citation: "Field team (2026). Survey of the north shore.");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("/hub/api/datasets/field-survey", response.Headers.Location?.OriginalString);

        var body = await response.JsonAsync();
        Assert.Equal("field-survey", body.GetProperty("name").GetString());
        Assert.Equal("datasets/field-survey", body.GetProperty("path").GetString());
        Assert.Equal("CC-BY-4.0", body.GetProperty("license").GetString());
        Assert.Equal("Creative Commons Attribution 4.0 International", body.GetProperty("license_name").GetString());
        Assert.Equal("spdx-id", body.GetProperty("detection_method").GetString());
        Assert.Equal(1.0, body.GetProperty("detection_score").GetDouble());
        Assert.Equal(DatasetForm.Sha256(csv), body.GetProperty("sha256").GetString());
        Assert.Equal(csv.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(user.Name, body.GetProperty("uploaded_by").GetString());
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
        Assert.StartsWith("Accepted: CC-BY-4.0", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var uploadedAt = DateTimeOffset.Parse(body.GetProperty("uploaded_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - uploadedAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));

        // The three files, in the user's own files.
        var folder = Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "field-survey");
        Assert.Equal(["LICENSE", "data.csv", "dataset.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(csv, await File.ReadAllBytesAsync(Path.Combine(folder, "data.csv")));
        Assert.Equal(SpdxLicenses.Text("CC-BY-4.0"), await File.ReadAllTextAsync(Path.Combine(folder, "LICENSE")));
        using (var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "dataset.json"))))
        {
            // The provenance record's names, as Datasets.Register writes them in a notebook.
            var record = manifest.RootElement;
            Assert.Equal("field-survey", record.GetProperty("name").GetString());
            Assert.Equal("data.csv", record.GetProperty("file").GetString());
            Assert.Equal(DatasetForm.Sha256(csv), record.GetProperty("sha256").GetString());
            Assert.Equal("CC-BY-4.0", record.GetProperty("license").GetString());
            Assert.Equal("Creative Commons Attribution 4.0 International", record.GetProperty("licenseName").GetString());
            Assert.Equal("spdx-id", record.GetProperty("detectionMethod").GetString());
            Assert.Equal(1.0, record.GetProperty("detectionScore").GetDouble());
            Assert.Empty(record.GetProperty("warnings").EnumerateArray());
            Assert.Equal(user.Name, record.GetProperty("registeredBy").GetString());
            Assert.Equal(TimeSpan.Zero, record.GetProperty("registeredAt").GetDateTimeOffset().Offset);
            Assert.Equal(uploadedAt, record.GetProperty("registeredAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
            Assert.False(record.GetProperty("commercialPlan").GetBoolean());
            Assert.Equal("https://example.org/survey", record.GetProperty("source").GetString());
            Assert.Equal("Field team (2026). Survey of the north shore.", record.GetProperty("citation").GetString());
            Assert.Equal("Field team (2026). Survey of the north shore.", record.GetProperty("attribution").GetString());
        }

        // Listed and shown by the API, and visible as files through the contents API.
        var list = await user.Client.GetJsonAsync(DatasetForm.Route);
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal("field-survey", listed.GetProperty("name").GetString());
        Assert.Equal(DatasetForm.Sha256(csv), listed.GetProperty("sha256").GetString());
        Assert.Equal(csv.Length, listed.GetProperty("size").GetInt64());
        var one = await user.Client.GetJsonAsync($"{DatasetForm.Route}/field-survey");
        Assert.Equal("CC-BY-4.0", one.GetProperty("license").GetString());
        Assert.Equal("https://example.org/survey", one.GetProperty("source").GetString());
        Assert.False(one.TryGetProperty("message", out _));
        var contents = await user.Client.GetJsonAsync("api/contents/datasets/field-survey?content=1");
        Assert.Equal(3, contents.GetProperty("content").GetArrayLength());

        // The Datasets extension reads the folder as a catalog and loads the frame, checking the recorded SHA-256.
        var catalog = new DatasetCatalog(Path.GetDirectoryName(folder)!);
        var info = Assert.Single(catalog.List());
        Assert.Equal("CC-BY-4.0", info.License);
        Assert.Equal("Field team (2026). Survey of the north shore.", info.Citation);
        var frame = DatasetCatalog.Load(info);
        Assert.Equal(5, frame.Rows.Count);
        Assert.Equal("penguin", frame["label"][0]);
    }

    [Fact]
    public async Task A_licence_given_as_text_is_identified_though_a_few_words_differ()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        var mit = SpdxLicenses.Text("MIT");
        var edited = "Copyright (c) 2026 The Survey Team\n\n" + mit
            .Replace("Permission is hereby granted", "Permission is herewith granted", StringComparison.Ordinal)
            .Replace("free of charge", "without charge", StringComparison.Ordinal);
        Assert.NotEqual(mit, edited);
        Assert.Contains("herewith", edited, StringComparison.Ordinal);

        using (var response = await DatasetForm.UploadAsync(user.Client, "mit-text", DatasetForm.Csv(), licenseText: edited))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var body = await response.JsonAsync();
            Assert.Equal("MIT", body.GetProperty("license").GetString());
            Assert.Equal("text-match", body.GetProperty("detection_method").GetString());
            Assert.InRange(body.GetProperty("detection_score").GetDouble(), LicenseMatcher.DefaultThreshold, 0.9999);
        }

        var folder = Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "mit-text");
        Assert.Equal(edited, await File.ReadAllTextAsync(Path.Combine(folder, "LICENSE")));
        using (var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "dataset.json"))))
        {
            Assert.Equal("text-match", manifest.RootElement.GetProperty("detectionMethod").GetString());
            Assert.Equal(edited, manifest.RootElement.GetProperty("licenseText").GetString());
        }

        // The same text as an uploaded file.
        using (var response = await DatasetForm.UploadAsync(user.Client, "mit-file", DatasetForm.Csv(), licenseFile: Encoding.UTF8.GetBytes(edited)))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            Assert.Equal("MIT", (await response.JsonAsync()).GetProperty("license").GetString());
        }

        Assert.Equal(edited, await File.ReadAllTextAsync(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "mit-file", "LICENSE")));
    }

    [Fact]
    public async Task A_share_alike_licence_is_accepted_with_its_warning_in_the_answer_and_the_record()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        using var response = await DatasetForm.UploadAsync(user.Client, "shared-streets", DatasetForm.Csv(), license: "cc-by-sa-4.0");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.Equal("CC-BY-SA-4.0", body.GetProperty("license").GetString());
        Assert.StartsWith("Accepted with conditions", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("share-alike", warning, StringComparison.Ordinal);

        var folder = Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "shared-streets");
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "dataset.json")));
        Assert.Equal(warning, Assert.Single(manifest.RootElement.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(SpdxLicenses.Text("CC-BY-SA-4.0"), await File.ReadAllTextAsync(Path.Combine(folder, "LICENSE")));
        var listed = Assert.Single((await user.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());
        Assert.Equal(warning, Assert.Single(listed.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_non_commercial_licence_is_refused_on_a_paid_plan_and_accepted_with_a_warning_on_the_free_plan()
    {
        using var paid = await hub.CreateUserAsync(Http.Unique("paid"), new { plan = "starter" });
        using (var refused = await DatasetForm.UploadAsync(paid.Client, "nc-data", DatasetForm.Csv(), license: "CC-BY-NC-4.0"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var error = await refused.JsonAsync();
            Assert.Equal("License Not Allowed", error.GetProperty("reason").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains("CC-BY-NC-4.0", message, StringComparison.Ordinal);
            Assert.Contains("commercial plan", message, StringComparison.Ordinal);
            Assert.Contains("Ask the data's owner", message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(paid.Name), "datasets")));
        Assert.Empty((await paid.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());

        using var free = await hub.CreateUserAsync(Http.Unique("free"));
        using var accepted = await DatasetForm.UploadAsync(free.Client, "nc-data", DatasetForm.Csv(), license: "CC-BY-NC-4.0");
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        var warning = Assert.Single((await accepted.JsonAsync()).GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("forbids commercial use", warning, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(hub.ContentsDirectoryOf(free.Name), "datasets", "nc-data", "data.csv")));
    }

    [Fact]
    public async Task An_unknown_or_missing_licence_is_refused_with_what_to_do_and_nothing_is_stored()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        var csv = DatasetForm.Csv("secret-marker-7f3a");

        using (var unknown = await DatasetForm.UploadAsync(user.Client, "mystery", csv, license: "Proprietary-Whatever"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            var error = await unknown.JsonAsync();
            Assert.Equal("Unknown License", error.GetProperty("reason").GetString());
            Assert.Contains("'Proprietary-Whatever' is not a licence this platform recognises", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("license_text", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var missing = await DatasetForm.UploadAsync(user.Client, "mystery", csv))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            var error = await missing.JsonAsync();
            Assert.Equal("No License", error.GetProperty("reason").GetString());
            Assert.Contains("No licence was given", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var unrecognised = await DatasetForm.UploadAsync(user.Client, "mystery", csv,
            licenseText: "You may use this data however you like, as long as you buy the authors a coffee."))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unrecognised.StatusCode);
            var error = await unrecognised.JsonAsync();
            Assert.Equal("License Not Recognised", error.GetProperty("reason").GetString());
            Assert.Contains("The licence text was not recognised", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // An SPDX id with another licence's text: the LICENSE stored would contradict the record.
        using (var mismatch = await DatasetForm.UploadAsync(user.Client, "mystery", csv, license: "CC-BY-4.0", licenseText: SpdxLicenses.Text("MIT")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
            var error = await mismatch.JsonAsync();
            Assert.Equal("License Mismatch", error.GetProperty("reason").GetString());
            Assert.Contains("is the text of MIT", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets")));
        Assert.Empty((await user.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());
        using (var none = await user.Client.GetAsync($"{DatasetForm.Route}/mystery"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        // Refusals are logged with the user and the reason, never with the data.
        var refusals = hub.Log.Lines.Where(l => l.Contains($"Dataset upload by {user.Name} refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, l => l.Contains("422 Unknown License", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("422 No License", StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Log.Lines, l => l.Contains("secret-marker-7f3a", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Survey")]
    [InlineData("my_data")]
    [InlineData("-leading-hyphen")]
    [InlineData("dots.in.name")]
    [InlineData("../escape")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_name_that_is_not_lower_case_letters_digits_and_hyphens_is_refused(string name)
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        using var response = await DatasetForm.UploadAsync(user.Client, name, DatasetForm.Csv(), license: "CC0-1.0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lower-case letters, digits and hyphens", await response.MessageAsync(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets")));
    }

    [Fact]
    public async Task A_name_of_64_characters_is_accepted_and_a_missing_name_is_refused()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        var longest = new string('a', 60) + "-2-3";
        using (var accepted = await DatasetForm.UploadAsync(user.Client, longest, DatasetForm.Csv(), license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var missing = await DatasetForm.UploadAsync(user.Client, null, DatasetForm.Csv(), license: "CC0-1.0");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("needs a name", await missing.MessageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_binary_file_is_refused_with_400()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        using (var empty = await DatasetForm.UploadAsync(user.Client, "empty", [], license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("is empty", await empty.MessageAsync(), StringComparison.Ordinal);
        }

        using (var blank = await DatasetForm.UploadAsync(user.Client, "empty", "\r\n  \n"u8.ToArray(), license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Contains("is empty", await blank.MessageAsync(), StringComparison.Ordinal);
        }

        using (var binary = await DatasetForm.UploadAsync(user.Client, "binary", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41], license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
            Assert.Contains("is not a text file (a NUL byte at offset 4)", await binary.MessageAsync(), StringComparison.Ordinal);
        }

        using (var noFile = await DatasetForm.UploadAsync(user.Client, "nofile", null, license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
            Assert.Contains("No CSV file", await noFile.MessageAsync(), StringComparison.Ordinal);
        }

        using (var notAForm = await user.Client.PostAsJsonAsync(DatasetForm.Route, new { name = "json", license = "CC0-1.0" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
            Assert.Contains("multipart/form-data", await notAForm.MessageAsync(), StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets")));
    }

    [Fact]
    public async Task An_existing_name_answers_409_and_nothing_is_overwritten()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        var first = DatasetForm.Csv("first");
        using (var created = await DatasetForm.UploadAsync(user.Client, "twice", first, license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var again = await DatasetForm.UploadAsync(user.Client, "twice", DatasetForm.Csv("second"), license: "MIT"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var message = await again.MessageAsync();
            Assert.Contains("already have a dataset named 'twice'", message, StringComparison.Ordinal);
            Assert.Contains("DELETE /hub/api/datasets/twice", message, StringComparison.Ordinal);
        }

        var folder = Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "twice");
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(folder, "data.csv")));
        Assert.Equal(SpdxLicenses.Text("CC0-1.0"), await File.ReadAllTextAsync(Path.Combine(folder, "LICENSE")));
        var shown = await user.Client.GetJsonAsync($"{DatasetForm.Route}/twice");
        Assert.Equal("CC0-1.0", shown.GetProperty("license").GetString());
        Assert.Equal(DatasetForm.Sha256(first), shown.GetProperty("sha256").GetString());

        // The name of a dataset shipped with the extension is not taken either.
        using var curated = await DatasetForm.UploadAsync(user.Client, "penguins", first, license: "CC0-1.0");
        Assert.Equal(HttpStatusCode.Conflict, curated.StatusCode);
        Assert.Contains("shipped with the Datasets extension", await curated.MessageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_dataset_answers_404_on_get_and_delete_and_the_owner_deletes_it()
    {
        using var owner = await hub.CreateUserAsync(Http.Unique("owner"));
        using var other = await hub.CreateUserAsync(Http.Unique("other"));
        using (var created = await DatasetForm.UploadAsync(owner.Client, "private-data", DatasetForm.Csv(), license: "CC-BY-4.0"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var get = await other.Client.GetAsync($"{DatasetForm.Route}/private-data"))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Contains("no dataset named 'private-data'", await get.MessageAsync(), StringComparison.Ordinal);
        }

        using (var delete = await other.Client.DeleteAsync($"{DatasetForm.Route}/private-data"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        Assert.Empty((await other.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());
        var folder = Path.Combine(hub.ContentsDirectoryOf(owner.Name), "datasets", "private-data");
        Assert.True(File.Exists(Path.Combine(folder, "data.csv")));
        Assert.Equal("private-data", (await owner.Client.GetJsonAsync($"{DatasetForm.Route}/private-data")).GetProperty("name").GetString());

        using (var delete = await owner.Client.DeleteAsync($"{DatasetForm.Route}/private-data"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!));
        Assert.Empty((await owner.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());
        using (var gone = await owner.Client.GetAsync($"{DatasetForm.Route}/private-data"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var again = await owner.Client.DeleteAsync($"{DatasetForm.Route}/private-data");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_folder_without_a_dataset_record_is_not_a_dataset()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        using (var folder = await user.Client.PutAsJsonAsync("api/contents/datasets", new { type = "directory" }))
        {
            Assert.Equal(HttpStatusCode.Created, folder.StatusCode);
        }

        using (var notes = await user.Client.PutAsJsonAsync("api/contents/datasets/notes", new { type = "directory" }))
        {
            Assert.Equal(HttpStatusCode.Created, notes.StatusCode);
        }

        Assert.Empty((await user.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray());
        using (var get = await user.Client.GetAsync($"{DatasetForm.Route}/notes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        using (var delete = await user.Client.DeleteAsync($"{DatasetForm.Route}/notes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        // Nor is its name free: an upload never lands in a folder the user made.
        using var taken = await DatasetForm.UploadAsync(user.Client, "notes", DatasetForm.Csv(), license: "CC0-1.0");
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.True(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets", "notes")));
    }

    [Fact]
    public async Task A_browser_session_uploads_with_its_xsrf_value_and_is_refused_without_it()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("browser"));
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = hub.BaseAddress };
        (await browser.GetAsync($"hub/home?token={user.Token}")).Dispose();
        var xsrf = cookies.GetCookies(hub.BaseAddress)["_xsrf"]?.Value;
        Assert.False(string.IsNullOrEmpty(xsrf));

        using (var forged = await DatasetForm.UploadAsync(browser, "from-browser", DatasetForm.Csv(), license: "CC0-1.0"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("_xsrf", await forged.MessageAsync(), StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets")));

        // As a page's form posts it: the _xsrf value as a field of the multipart form.
        using (var form = DatasetForm.Create("from-browser", DatasetForm.Csv(), license: "CC0-1.0"))
        {
            form.Add(new StringContent(xsrf!), "_xsrf");
            using var posted = await browser.PostAsync(DatasetForm.Route, form);
            Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        }

        // As script posts it: the X-XSRFToken header.
        using (var request = new HttpRequestMessage(HttpMethod.Post, DatasetForm.Route) { Content = DatasetForm.Create("from-script", DatasetForm.Csv(), license: "CC0-1.0") })
        {
            request.Headers.Add("X-XSRFToken", xsrf);
            using var posted = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var names = (await user.Client.GetJsonAsync(DatasetForm.Route)).EnumerateArray().Select(d => d.GetProperty("name").GetString());
        Assert.Equal(["from-browser", "from-script"], names);
    }

    [Fact]
    public async Task An_upload_over_the_plans_storage_limit_is_refused_and_nothing_is_stored()
    {
        var slug = Http.Unique("small");
        using var admin = hub.Client();
        using (var org = await admin.PostAsJsonAsync("hub/api/orgs", new { slug, plan = "enterprise" }))
        {
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        }

        using (var limit = await admin.PatchAsJsonAsync($"hub/api/orgs/{slug}", new { storage_bytes = 20_000 }))
        {
            Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        }

        using var user = await hub.CreateUserAsync(Http.Unique("data"), new { org = slug });
        var csv = DatasetForm.Csv(rows: 2_000);
        Assert.InRange(csv.Length, 20_001, 100_000);
        using var response = await DatasetForm.UploadAsync(user.Client, "too-big", csv, license: "CC0-1.0");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal("Quota Exceeded", error.GetProperty("reason").GetString());
        Assert.Contains("Storage limit of the Enterprise plan reached: 19.5 KB allowed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets")));
    }

    [Fact]
    public async Task A_csv_larger_than_the_servers_default_request_limit_is_accepted()
    {
        // Kestrel refuses request bodies over 30 MB unless an endpoint allows more; datasets may be up to 100 MB.
        using var user = await hub.CreateUserAsync(Http.Unique("data"));
        using var csv = new MemoryStream();
        csv.Write("id,label,value\n"u8);
        for (var i = 0; csv.Length <= 31 * 1024 * 1024; i++)
        {
            csv.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{i},a fairly long label for row {i} of the dataset,{i * 0.5}\n")));
        }

        var bytes = csv.ToArray();
        using var response = await DatasetForm.UploadAsync(user.Client, "large", bytes, license: "CC0-1.0");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.Equal(bytes.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(DatasetForm.Sha256(bytes), body.GetProperty("sha256").GetString());
        using var deleted = await user.Client.DeleteAsync($"{DatasetForm.Route}/large");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
