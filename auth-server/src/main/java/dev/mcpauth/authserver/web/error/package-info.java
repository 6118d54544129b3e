/**
 * The authorization endpoint's error page for requests that cannot be redirected (bad {@code client_id},
 * {@code redirect_uri}, or an unfetchable Client ID Metadata Document), in the look of the other pages.
 */
package dev.mcpauth.authserver.web.error;
