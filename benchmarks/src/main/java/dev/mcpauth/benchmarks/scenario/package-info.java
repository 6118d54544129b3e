/**
 * The four load scenarios of issue 8, each against real applications started from their jars on loopback.
 */
package dev.mcpauth.benchmarks.scenario;
