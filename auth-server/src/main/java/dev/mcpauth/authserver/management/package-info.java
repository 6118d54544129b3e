/**
 * The management side: Actuator on its own loopback port (health groups, info with versions, Prometheus), and
 * the security chain that serves it.
 */
package dev.mcpauth.authserver.management;
