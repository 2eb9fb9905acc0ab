// The API docs page: Swagger UI over the server's own schema (a file, so the CSP needs no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", layout: "BaseLayout", deepLinking: true });
