package hooks

// CSRFToken exposes the inbox's CSRF token to the external tests, which
// post forms the way the rendered pages do.
var CSRFToken = csrfToken
