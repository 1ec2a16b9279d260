using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>The size limit of a dataset upload (<c>Hub:DatasetMaxBytes</c>), on a hub of its own that takes 4 KB.</summary>
public sealed class DatasetLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_csv_over_the_configured_limit_answers_413_with_the_limit_and_nothing_is_stored()
    {
        var hub = new HubFixture(["--Hub:DatasetMaxBytes=4096", "--Hub:WarmKernels=0"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var user = await hub.CreateUserAsync(Http.Unique("big"));
            var folder = Path.Combine(hub.ContentsDirectoryOf(user.Name), "datasets");

            var over = Encoding.ASCII.GetBytes("id,value\n" + string.Concat(Enumerable.Range(0, 1200).Select(i => $"{i % 10},{i % 7}\n")));
            Assert.InRange(over.Length, 4097, 10_000);
            using (var refused = await DatasetForm.UploadAsync(user.Client, "over", over, license: "CC0-1.0"))
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
                var message = await refused.MessageAsync();
                Assert.Contains($"is {over.Length / 1024.0:0.#} KB ({over.Length} bytes): a dataset may be at most 4 KB (4096 bytes)", message, StringComparison.Ordinal);
                Assert.Contains("Split the data", message, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(folder));
            Assert.Contains(hub.Log.Lines, l => l.Contains($"Dataset upload by {user.Name} refused: 413", StringComparison.Ordinal));

            // A request far over the limit is stopped by the server while it is read, with the same kind of answer.
            var huge = new byte[3 * 1024 * 1024];
            huge.AsSpan().Fill((byte)'1');
            using (var stopped = await DatasetForm.UploadAsync(user.Client, "huge", huge, license: "CC0-1.0", expectContinue: true))
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, stopped.StatusCode);
                Assert.Contains("larger than the hub takes for a dataset (2 MB in all", await stopped.MessageAsync(), StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(folder));

            // At the limit: accepted.
            var exact = new byte[4096];
            Encoding.ASCII.GetBytes("id,value\n").CopyTo(exact, 0);
            exact.AsSpan(9).Fill((byte)'7');
            exact[^1] = (byte)'\n';
            using var accepted = await DatasetForm.UploadAsync(user.Client, "exact", exact, license: "CC0-1.0");
            Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
            Assert.Equal(exact, await File.ReadAllBytesAsync(Path.Combine(folder, "exact", "data.csv")));
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
