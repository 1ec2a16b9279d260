using System.Text.Json.Serialization;
using AIStudio.Hub.Plans;

namespace AIStudio.Hub.Organizations;

/// <summary>An organization in the API.</summary>
public sealed record OrganizationModel(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("personal")] bool Personal,
    [property: JsonPropertyName("plan")] Plan Plan,
    [property: JsonPropertyName("created")] string Created)
{
    [JsonPropertyName("kind")]
    public string Kind => "organization";

    public static OrganizationModel From(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return new OrganizationModel(organization.Slug, organization.Name, organization.IsPersonal, PlanCatalog.EffectivePlan(organization),
            Kernel.Protocol.Messages.MessageHeader.FormatDate(organization.CreatedAt));
    }
}
