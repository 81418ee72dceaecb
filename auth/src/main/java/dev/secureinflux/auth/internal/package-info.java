/** Not API: may change at any time. Secret sources, UTF-8 and JWT helpers, the connection-safety decision. */
package dev.secureinflux.auth.internal;
