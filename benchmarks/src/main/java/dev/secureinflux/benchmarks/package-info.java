/**
 * Benchmarks of the secured client against bare influxdb-java on the same servers, in one run; not API, not
 * published. {@link dev.secureinflux.benchmarks.Main} runs them all and prints the table.
 */
package dev.secureinflux.benchmarks;
