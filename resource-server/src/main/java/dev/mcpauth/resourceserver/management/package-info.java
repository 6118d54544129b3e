/**
 * The management side: Actuator on its own loopback port (liveness, readiness including the authorization
 * server's JWKS, info with versions, Prometheus), and the security chain that serves it.
 */
package dev.mcpauth.resourceserver.management;
