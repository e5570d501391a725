// Starts Swagger UI (served by the app from the swagger_ui_bundle package) on
// the app's OpenAPI schema. A file of its own: the pages' policy forbids inline scripts.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
