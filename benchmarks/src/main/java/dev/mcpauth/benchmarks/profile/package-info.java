/**
 * Reading JFR recordings of the servers under load: where their CPU time goes.
 */
package dev.mcpauth.benchmarks.profile;
