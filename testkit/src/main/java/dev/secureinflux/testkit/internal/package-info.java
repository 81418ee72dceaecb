/** Process, port and HTTP plumbing of the testkit: not API, may change at any time. */
package dev.secureinflux.testkit.internal;
