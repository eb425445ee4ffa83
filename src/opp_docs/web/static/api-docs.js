// Starts the vendored Swagger UI on /api/openapi.json (a file, not inline: the
// Content-Security-Policy allows no inline script). Requests made from this page carry the
// session cookie, so they carry the page's CSRF token as well.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.getAttribute("content") : "";
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: false,
    requestInterceptor: (request) => {
      request.headers["X-CSRF-Token"] = csrf;
      return request;
    },
  });
});
