using AIStudio.Extensions.Datasets.Licensing;

namespace AIStudio.Extensions.Datasets.Tests;

public class LicenseMatcherTests
{
    public static TheoryData<string> Shipped()
    {
        var data = new TheoryData<string>();
        foreach (var license in SpdxLicenses.All)
        {
            data.Add(license.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Each_shipped_text_is_identified_as_itself(string id)
    {
        var match = LicenseMatcher.Default.Match(SpdxLicenses.Text(id));

        Assert.Equal(id, match.License.Id);
        Assert.True(match.Score > 0.999, $"{id} scored {match.Score}");
        Assert.True(match.IsMatch);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_text_edited_by_a_few_words_still_matches(string id)
    {
        var words = SpdxLicenses.Text(id).Split(' ');
        // Change three words spread over the text: a typo, a dropped word, a substituted word.
        words[words.Length / 4] = words[words.Length / 4] + "x";
        words[words.Length / 2] = "";
        words[3 * words.Length / 4] = "banana";
        var edited = string.Join(' ', words);

        var match = LicenseMatcher.Default.Match(edited);

        Assert.Equal(id, match.License.Id);
        Assert.True(match.IsMatch, $"{id} scored {match.Score}");
        Assert.True(match.Score < 1);
    }

    [Fact]
    public void A_real_world_MIT_licence_with_its_own_copyright_line_and_layout_matches()
    {
        const string text = """
            The MIT Licence

            Copyright (c) 2019-2024 Jane Doe <jane@example.org>

            Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
            documentation files (the “Software”), to deal in the Software without restriction, including without limitation
            the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
            permit persons to whom the Software is furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all copies or substantial portions of
            the Software.

            THE SOFTWARE IS PROVIDED “AS IS”, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
            WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
            COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
            OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
            """;

        var match = LicenseMatcher.Default.Match(text);

        Assert.Equal("MIT", match.License.Id);
        Assert.True(match.IsMatch, $"scored {match.Score}");
    }

    [Fact]
    public void A_text_that_is_not_a_licence_does_not_match()
    {
        const string text = """
            Palmer penguins: size measurements, clutch observations and blood isotope ratios for adult foraging Adélie,
            Chinstrap and Gentoo penguins observed on islands in the Palmer Archipelago near Palmer Station, Antarctica.
            Data were collected and made available by Dr. Kristen Gorman and the Palmer Station Long Term Ecological Research
            Program. Feel free to use it for anything you like, just tell people where it came from.
            """;

        var match = LicenseMatcher.Default.Match(text);

        Assert.False(match.IsMatch);
        Assert.True(match.Score < 0.3, $"scored {match.Score}");
    }

    [Fact]
    public void Attribution_and_non_commercial_texts_are_told_apart()
    {
        var by = LicenseMatcher.Default.Match(SpdxLicenses.Text("CC-BY-4.0"));
        var nc = LicenseMatcher.Default.Match(SpdxLicenses.Text("CC-BY-NC-4.0"));

        Assert.Equal("CC-BY-4.0", by.License.Id);
        Assert.Equal("CC-BY-NC-4.0", nc.License.Id);
        // The runner-up is the close relative, well below a perfect score.
        Assert.True(by.RunnerUpScore < 0.999);
    }

    [Fact]
    public void Normalisation_folds_case_punctuation_bullets_copyright_lines_and_spelling()
    {
        var a = LicenseTextNormalizer.Words("Copyright (c) 2020 Someone\n1. The LICENCE is “free”;\n  * use it.");
        var b = LicenseTextNormalizer.Words("(a) the license is \"free\"\n- Use it");

        Assert.Equal(b, a);
    }
}
