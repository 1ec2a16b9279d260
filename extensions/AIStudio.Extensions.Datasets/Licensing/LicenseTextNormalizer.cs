using System.Text;
using System.Text.RegularExpressions;

namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// Reduces a licence text to the words that carry its meaning, after askalono's preprocessing: copyright lines, bullets and
/// list numbering go, case and punctuation are folded, whitespace collapses, and a few spelling variants are unified — so
/// that the same licence with a different copyright holder, layout or quoting style gives the same words.
/// </summary>
internal static partial class LicenseTextNormalizer
{
    private static readonly Dictionary<string, string> Variants = new(StringComparer.Ordinal)
    {
        ["licence"] = "license",
        ["licences"] = "licenses",
        ["licenced"] = "licensed",
        ["licensor's"] = "licensors",
        ["favour"] = "favor",
        ["organisation"] = "organization",
        ["authorised"] = "authorized",
    };

    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim().ToLowerInvariant();
            // Copyright notices name the holder and year: they differ between copies of the same licence.
            if (CopyrightLine().IsMatch(line))
            {
                continue;
            }

            line = Bullet().Replace(line, "");
            kept.Append(line).Append(' ');
        }

        var folded = FoldPunctuation(kept.ToString());
        var words = new List<string>();
        foreach (var word in NonWord().Split(folded))
        {
            if (word.Length == 0)
            {
                continue;
            }

            words.Add(Variants.GetValueOrDefault(word, word));
        }

        return words;
    }

    private static string FoldPunctuation(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            builder.Append(ch switch
            {
                '&' => " and ",
                // Apostrophes join a word ("licensor's" is one word), every other punctuation mark separates words.
                '\'' or '\u2019' or '\u2018' => "",
                _ when char.IsLetterOrDigit(ch) => ch.ToString(),
                _ => " ",
            });
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^(\(c\)|©|copyright\b|all rights reserved)")]
    private static partial Regex CopyrightLine();

    // "1.", "(a)", "iv.", "a)", "*", "-", "•" at the start of a line: numbering that differs between copies.
    [GeneratedRegex(@"^((\(?([0-9]{1,3}|[a-z]|[ivxl]{1,5})(\.[0-9]{1,3})*[.)]|\([0-9a-z]{1,5}\))|[*\-•·–—])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\s+")]
    private static partial Regex NonWord();
}
