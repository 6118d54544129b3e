/**
 * Keycloak for the side-by-side scenario (issue 18): its Quarkus distribution started on loopback, and its realm,
 * clients, user and refresh token rotation configured through the admin REST API.
 */
package dev.mcpauth.benchmarks.keycloak;
