/** Not API: may change at any time. */
package dev.secureinflux.auth.internal;
