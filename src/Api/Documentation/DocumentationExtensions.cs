using Scalar.AspNetCore;

namespace Ganeti.Api.Documentation;

/// <summary>The OpenAPI 3.1 document (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar</c>), outside RAPI's <c>/2</c>.</summary>
public static class DocumentationExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    public static IServiceCollection AddRapiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer<RapiDocumentTransformer>());

    public static IEndpointRouteBuilder MapRapiDocumentation(this IEndpointRouteBuilder routes)
    {
        // The one document by its literal path: any other name falls through to the 404 in Ganeti's format.
        routes.MapOpenApi(DocumentPath);

        // The page is HTML and scripts served from the package, not JSON (read by the
        // hostile-input storm's route selection); no fonts are fetched from elsewhere.
        routes.MapScalarApiReference(ReferencePath, o => o.WithTitle("Ganeti RAPI").DisableDefaultFonts())
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, ["text/html"]));
        return routes;
    }
}
