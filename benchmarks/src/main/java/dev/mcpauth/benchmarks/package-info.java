/**
 * Benchmarks of issue 8: the real applications under load on loopback, side by side in one run, and JMH
 * micro-benchmarks of their hot validations. Entry point: {@link dev.mcpauth.benchmarks.BenchmarkRunner}.
 */
package dev.mcpauth.benchmarks;
