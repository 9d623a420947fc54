using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Warehouse.Api.Platform.Auth;

/// <summary>Declares the bearer scheme in the OpenAPI document so the reference page can send tokens.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "POST /api/auth/login returns the token. Add X-Organisation-Id to act for one of several organisations.",
        };
        return Task.CompletedTask;
    }
}
