using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// The structure an OpenBadgeCredential must have (Open Badges 3.0 §B, required members and their types) and the
/// VC-JWT claims that must agree with it (§8.2.4.1). Each check names the member it found wrong.
/// </summary>
internal static class CredentialChecks
{
    /// <summary>The first structural problem of <paramref name="credential"/>, or null when it has the required shape.</summary>
    public static string? Structure(JsonObject credential)
    {
        var contexts = CredentialJson.Strings(credential["@context"]);
        if (contexts.Count == 0 || contexts[0] != OpenBadges.CredentialsContext)
        {
            return $"@context must begin with '{OpenBadges.CredentialsContext}'.";
        }

        if (!contexts.Any(IsOpenBadgesContext))
        {
            return $"@context must include the Open Badges 3.0 context '{OpenBadges.OpenBadgesContext}'.";
        }

        var types = CredentialJson.Strings(credential["type"]);
        if (!types.Contains("VerifiableCredential"))
        {
            return "type must include 'VerifiableCredential'.";
        }

        if (!types.Contains("OpenBadgeCredential") && !types.Contains("AchievementCredential"))
        {
            return "type must include 'OpenBadgeCredential'.";
        }

        return Uri(credential, "id")
            ?? IssuerProblem(credential["issuer"])
            ?? Required(credential, "name")
            ?? Date(credential, "validFrom", required: true)
            ?? Date(credential, "validUntil", required: false)
            ?? Date(credential, "awardedDate", required: false)
            ?? SubjectProblem(credential["credentialSubject"]);
    }

    /// <summary>The first disagreement between the JWT claims and the credential (§8.2.4.1), or null.</summary>
    public static string? Claims(JsonObject payload, JsonObject credential)
    {
        var issuerId = IssuerId(credential);
        if (CredentialJson.Text(payload, "iss") is not { } iss)
        {
            return "The JWT has no 'iss' claim.";
        }

        if (iss != issuerId)
        {
            return $"The JWT claim iss '{iss}' does not match issuer.id '{issuerId}'.";
        }

        if (CredentialJson.Text(payload, "jti") is not { } jti)
        {
            return "The JWT has no 'jti' claim.";
        }

        if (jti != CredentialJson.Text(credential, "id"))
        {
            return $"The JWT claim jti '{jti}' does not match the credential id '{CredentialJson.Text(credential, "id")}'.";
        }

        var subjectId = CredentialJson.Text(credential, "credentialSubject.id");
        var sub = CredentialJson.Text(payload, "sub");
        if (sub != subjectId)
        {
            return subjectId is null
                ? $"The JWT claim sub '{sub}' names a subject, but credentialSubject has no id."
                : $"The JWT claim sub '{sub ?? "(missing)"}' does not match credentialSubject.id '{subjectId}'.";
        }

        var validFrom = CredentialJson.DateTime(CredentialJson.Text(credential, "validFrom"));
        if (CredentialJson.Number(payload, "nbf") is not { } nbf)
        {
            return "The JWT has no numeric 'nbf' claim.";
        }

        if (validFrom is null || nbf != validFrom.Value.ToUnixTimeSeconds())
        {
            return $"The JWT claim nbf ({DateTimeOffset.FromUnixTimeSeconds(nbf):yyyy-MM-ddTHH:mm:ssZ}) does not match validFrom '{CredentialJson.Text(credential, "validFrom")}'.";
        }

        var validUntil = CredentialJson.DateTime(CredentialJson.Text(credential, "validUntil"));
        var exp = CredentialJson.Number(payload, "exp");
        if (exp is null && validUntil is not null)
        {
            return "The credential has validUntil but the JWT has no 'exp' claim.";
        }

        if (exp is not null && (validUntil is null || exp != validUntil.Value.ToUnixTimeSeconds()))
        {
            return $"The JWT claim exp ({DateTimeOffset.FromUnixTimeSeconds(exp.Value):yyyy-MM-ddTHH:mm:ssZ}) does not match validUntil '{CredentialJson.Text(credential, "validUntil") ?? "(missing)"}'.";
        }

        return null;
    }

    /// <summary>The credential's <c>issuer.id</c> (or <c>issuer</c> when it is a bare URI).</summary>
    public static string? IssuerId(JsonObject credential) =>
        CredentialJson.Text(credential, "issuer.id") ?? (credential["issuer"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null);

    private static bool IsOpenBadgesContext(string context) =>
        context.StartsWith("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.", StringComparison.Ordinal) && context.EndsWith(".json", StringComparison.Ordinal);

    private static string? IssuerProblem(JsonNode? issuer)
    {
        if (issuer is JsonValue)
        {
            return issuer is JsonValue v && v.TryGetValue<string>(out var text) && CredentialJson.IsUri(text)
                ? null
                : "issuer must be a Profile or the URI of one.";
        }

        if (issuer is not JsonObject profile)
        {
            return "issuer is missing: it must be a Profile.";
        }

        if (!CredentialJson.Strings(profile["type"]).Contains("Profile"))
        {
            return "issuer.type must include 'Profile'.";
        }

        return Uri(profile, "id", "issuer.id");
    }

    private static string? SubjectProblem(JsonNode? node)
    {
        if (node is not JsonObject subject)
        {
            return "credentialSubject is missing or not an object.";
        }

        if (!CredentialJson.Strings(subject["type"]).Contains("AchievementSubject"))
        {
            return "credentialSubject.type must include 'AchievementSubject'.";
        }

        if (subject["id"] is not null && !CredentialJson.IsUri(CredentialJson.Text(subject, "id")))
        {
            return "credentialSubject.id must be a URI.";
        }

        if (subject["id"] is null && subject["identifier"] is not JsonArray { Count: > 0 })
        {
            return "credentialSubject needs an id or at least one identifier.";
        }

        if (subject["identifier"] is JsonArray identifiers)
        {
            foreach (var (entry, index) in identifiers.Select((e, i) => (e, i)))
            {
                var where = $"credentialSubject.identifier[{index}]";
                if (entry is not JsonObject identity || CredentialJson.Text(identity, "type") != "IdentityObject")
                {
                    return $"{where}.type must be 'IdentityObject'.";
                }

                if (CredentialJson.Text(identity, "identityHash") is null || CredentialJson.Text(identity, "identityType") is null)
                {
                    return $"{where} needs identityHash and identityType.";
                }

                if (identity["hashed"] is not JsonValue hashed || !hashed.TryGetValue<bool>(out _))
                {
                    return $"{where}.hashed must be true or false.";
                }
            }
        }

        if (subject["achievement"] is not JsonObject achievement)
        {
            return "credentialSubject.achievement is missing or not an object.";
        }

        if (!CredentialJson.Strings(achievement["type"]).Contains("Achievement"))
        {
            return "credentialSubject.achievement.type must include 'Achievement'.";
        }

        if (achievement["criteria"] is not JsonObject criteria || (CredentialJson.Text(criteria, "narrative") is null && CredentialJson.Text(criteria, "id") is null))
        {
            return "credentialSubject.achievement.criteria must have a narrative or an id.";
        }

        return Uri(achievement, "id", "credentialSubject.achievement.id")
            ?? Required(achievement, "name", "credentialSubject.achievement.name")
            ?? Required(achievement, "description", "credentialSubject.achievement.description")
            ?? ResultsProblem(subject["result"]);
    }

    private static string? ResultsProblem(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray results)
        {
            return "credentialSubject.result must be an array.";
        }

        foreach (var (entry, index) in results.Select((e, i) => (e, i)))
        {
            if (entry is not JsonObject result || !CredentialJson.Strings(result["type"]).Contains("Result"))
            {
                return $"credentialSubject.result[{index}].type must include 'Result'.";
            }
        }

        return null;
    }

    private static string? Required(JsonObject node, string name, string? path = null) =>
        string.IsNullOrEmpty(CredentialJson.Text(node, name)) ? $"{path ?? name} is missing or not a string." : null;

    private static string? Uri(JsonObject node, string name, string? path = null) =>
        CredentialJson.IsUri(CredentialJson.Text(node, name)) ? null : $"{path ?? name} must be a URI.";

    private static string? Date(JsonObject node, string name, bool required)
    {
        if (node[name] is null)
        {
            return required ? $"{name} is missing." : null;
        }

        return CredentialJson.DateTime(CredentialJson.Text(node, name)) is null
            ? $"{name} '{node[name]?.ToJsonString()}' is not a date-time with a time zone (e.g. 2026-01-31T12:00:00Z)."
            : null;
    }
}
