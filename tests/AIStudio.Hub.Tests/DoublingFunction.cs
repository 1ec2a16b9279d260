using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AIStudio.Hub.Tests;

/// <summary>A C# function deployment's source that doubles its input, and a call to it that checks the answer.</summary>
public static class DoublingFunction
{
    public const string Source = """
        public static class Function
        {
            public static double Predict(double x) => 2 * x;
        }
        """;

    /// <summary>Calls the deployment with x = [1.5, -2] and asserts it answers [3, -4].</summary>
    public static async Task AnswersAsync(HttpClient client, string owner, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var answer = await client.PostAsync($"deployments/{owner}/{name}/predict",
            JsonContent.Create(new { inputs = new { x = new[] { 1.5, -2 } } }, options: new JsonSerializerOptions()));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        Assert.Equal("[3,-4]", (await answer.JsonAsync()).GetProperty("outputs").GetProperty("output").GetRawText());
    }
}
