/**
 * The authorization response (with RFC 9207 iss) and the error page shown when redirecting is unsafe.
 */
package dev.mcpauth.oauth2.server.authorization.web;
