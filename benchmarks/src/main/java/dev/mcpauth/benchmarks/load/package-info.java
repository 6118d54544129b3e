/**
 * Closed-loop load generation bounded in operations and in time, and latency percentiles.
 */
package dev.mcpauth.benchmarks.load;
