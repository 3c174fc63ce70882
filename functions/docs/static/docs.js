// Starts Swagger UI on the docs page (GET /api/docs). A file of this origin rather than an inline script: the
// page's Content-Security-Policy allows scripts from this origin only. Settings come from the page's JSON element.
(() => {
  const settings = JSON.parse(document.getElementById('docs-settings').textContent);
  const ui = window.SwaggerUIBundle({
    url: settings.openApiUrl,
    dom_id: '#swagger-ui',
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    // A search box that filters operations by tag.
    filter: true,
    displayRequestDuration: true,
    // No call to the public validator service: nothing leaves this origin.
    validatorUrl: null,
    oauth2RedirectUrl: `${window.location.origin}${settings.oauth2RedirectPath}`,
  });
  // Hosted login: authorization code with PKCE, as the `web` app client (public: no secret).
  ui.initOAuth({ clientId: settings.clientId, scopes: 'openid email profile', usePkceWithAuthorizationCodeGrant: true });
  window.ui = ui;
})();
