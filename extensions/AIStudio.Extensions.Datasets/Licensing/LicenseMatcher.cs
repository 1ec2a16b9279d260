namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// Identifies a licence text by comparing it with the shipped SPDX texts, as askalono does: normalise both
/// (<see cref="LicenseTextNormalizer"/>), take the multiset of word bigrams, and score with the Sørensen–Dice coefficient
/// 2·|A∩B| / (|A|+|B|). The best-scoring licence wins when it reaches <see cref="Threshold"/> (0.9).
/// </summary>
public sealed class LicenseMatcher
{
    public const double DefaultThreshold = 0.9;

    private static readonly Lazy<LicenseMatcher> Shared = new(() => new LicenseMatcher(SpdxLicenses.All, SpdxLicenses.Text));

    private readonly List<(SpdxLicense License, Dictionary<(string, string), int> Bigrams, int Count)> _templates;

    public LicenseMatcher(IEnumerable<SpdxLicense> licenses, Func<string, string> textOf, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(licenses);
        ArgumentNullException.ThrowIfNull(textOf);
        Threshold = threshold;
        _templates = licenses.Select(l =>
        {
            var bigrams = Bigrams(LicenseTextNormalizer.Words(textOf(l.Id)), out var count);
            return (l, bigrams, count);
        }).ToList();
    }

    /// <summary>The matcher over every licence in <see cref="SpdxLicenses.All"/>, built once.</summary>
    public static LicenseMatcher Default => Shared.Value;

    public double Threshold { get; }

    public LicenseMatch Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bigrams = Bigrams(LicenseTextNormalizer.Words(text), out var count);
        var scored = _templates
            .Select(t => (t.License, Score: Dice(bigrams, count, t.Bigrams, t.Count)))
            .OrderByDescending(s => s.Score)
            .ToList();
        var best = scored[0];
        var second = scored.Count > 1 ? scored[1] : default;
        return new LicenseMatch(best.License, best.Score, second.License, second.Score, Threshold);
    }

    internal static double Dice(Dictionary<(string, string), int> a, int countA, Dictionary<(string, string), int> b, int countB)
    {
        if (countA + countB == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var (bigram, n) in small)
        {
            if (large.TryGetValue(bigram, out var m))
            {
                shared += Math.Min(n, m);
            }
        }

        return 2.0 * shared / (countA + countB);
    }

    private static Dictionary<(string, string), int> Bigrams(IReadOnlyList<string> words, out int count)
    {
        var bigrams = new Dictionary<(string, string), int>();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var key = (words[i], words[i + 1]);
            bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
        }

        count = Math.Max(0, words.Count - 1);
        return bigrams;
    }
}
