/**
 * A consumer application that declares its own security filter chain and applies the library with one
 * {@code http.with(mcpResourceServer(), ...)} call, using the configurer's hooks.
 */
package dev.mcpauth.oauth2.server.resource.ownchain;
