/**
 * The machine description, the results record written as JSON, and the Markdown tables.
 */
package dev.mcpauth.benchmarks.report;
