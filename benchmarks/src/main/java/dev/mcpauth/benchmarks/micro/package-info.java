/**
 * JMH micro-benchmarks of the two hot validations: access tokens on the resource server (its JwtDecoder) and
 * Client ID Metadata Documents on the authorization server (its validator).
 */
package dev.mcpauth.benchmarks.micro;
