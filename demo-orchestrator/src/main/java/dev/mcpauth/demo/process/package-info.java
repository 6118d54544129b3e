/**
 * Running the services as child processes: building their {@code java -jar} command lines, checking and picking
 * local ports, waiting until a service answers, capturing logs, measuring peak memory and stopping everything.
 * Plain JDK only, so that the orchestrator starts in a fraction of a second and the end-to-end tests reuse it.
 */
package dev.mcpauth.demo.process;
