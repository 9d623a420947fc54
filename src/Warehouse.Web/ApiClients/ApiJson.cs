using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warehouse.Web.ApiClients;

/// <summary>The API's JSON: camelCase names, enums as camelCase strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
