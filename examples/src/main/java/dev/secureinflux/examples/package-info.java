/** Runnable programs to copy from; not API. */
package dev.secureinflux.examples;
