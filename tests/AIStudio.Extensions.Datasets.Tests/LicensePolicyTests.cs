using AIStudio.Extensions.Datasets.Licensing;

namespace AIStudio.Extensions.Datasets.Tests;

public class LicensePolicyTests
{
    private readonly LicensePolicy _policy = new();

    [Theory]
    [InlineData("MIT")]
    [InlineData("cc-by-4.0")]
    [InlineData("CC0-1.0")]
    [InlineData("PDDL-1.0")]
    public void Permissive_licences_are_accepted_without_warnings(string id)
    {
        var decision = _policy.Evaluate(id, null, commercial: true);

        Assert.True(decision.Accepted, decision.Message);
        Assert.Empty(decision.Warnings);
        Assert.Equal(1.0, decision.Score);
        Assert.Equal("spdx-id", decision.Method);
    }

    [Theory]
    [InlineData("CC-BY-SA-4.0")]
    [InlineData("ODbL-1.0")]
    [InlineData("GPL-3.0-only")]
    public void Share_alike_licences_are_accepted_with_a_warning_about_attribution(string id)
    {
        var decision = _policy.Evaluate(id, null, commercial: true);

        Assert.True(decision.Accepted);
        var warning = Assert.Single(decision.Warnings);
        Assert.Contains("share-alike", warning, StringComparison.Ordinal);
        Assert.Contains("attribution", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CC-BY-NC-4.0", "commercial use")]
    [InlineData("CC-BY-ND-4.0", "no derivatives")]
    [InlineData("CC-BY-NC-ND-4.0", "commercial use")]
    public void Non_commercial_and_no_derivatives_licences_are_refused_on_a_commercial_plan(string id, string why)
    {
        var decision = _policy.Evaluate(id, null, commercial: true);

        Assert.False(decision.Accepted);
        Assert.Contains(why, decision.Message, StringComparison.Ordinal);
        Assert.Contains("commercial plan", decision.Message, StringComparison.Ordinal);
        Assert.Contains("Ask the data's owner", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_commercial_licence_is_accepted_with_a_warning_on_a_non_commercial_plan()
    {
        var decision = _policy.Evaluate("CC-BY-NC-4.0", null, commercial: false);

        Assert.True(decision.Accepted);
        Assert.Contains(decision.Warnings, w => w.Contains("commercial", StringComparison.Ordinal));
    }

    [Fact]
    public void A_non_commercial_licence_text_is_identified_and_refused_on_a_commercial_plan()
    {
        var decision = _policy.Evaluate(null, SpdxLicenses.Text("CC-BY-NC-4.0"), commercial: true);

        Assert.False(decision.Accepted);
        Assert.Equal("CC-BY-NC-4.0", decision.License?.Id);
        Assert.Equal("text-match", decision.Method);
    }

    [Fact]
    public void A_share_alike_licence_text_is_accepted_with_its_warning_and_score()
    {
        var decision = _policy.Evaluate(null, SpdxLicenses.Text("CC-BY-SA-4.0"), commercial: true);

        Assert.True(decision.Accepted);
        Assert.Equal("CC-BY-SA-4.0", decision.License?.Id);
        Assert.True(decision.Score > 0.99);
        Assert.NotEmpty(decision.Warnings);
    }

    [Fact]
    public void An_unknown_id_is_refused_and_the_message_names_ids_that_work()
    {
        var decision = _policy.Evaluate("Proprietary-1.0", null, commercial: false);

        Assert.False(decision.Accepted);
        Assert.Contains("not a licence this platform recognises", decision.Message, StringComparison.Ordinal);
        Assert.Contains("CC-BY-4.0", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_that_is_not_a_licence_is_refused_with_its_closest_match()
    {
        var decision = _policy.Evaluate(null, "You may use this data for anything, as long as you are nice about it.", commercial: false);

        Assert.False(decision.Accepted);
        Assert.Contains("not recognised", decision.Message, StringComparison.Ordinal);
        Assert.Contains("0.90", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_licence_is_refused_and_the_message_says_how_to_give_one()
    {
        var decision = _policy.Evaluate(null, "  ", commercial: false);

        Assert.False(decision.Accepted);
        Assert.Contains("No licence was given", decision.Message, StringComparison.Ordinal);
        Assert.Contains("license:", decision.Message, StringComparison.Ordinal);
    }
}
