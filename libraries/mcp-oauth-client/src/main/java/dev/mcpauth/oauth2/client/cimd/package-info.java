/**
 * The client's own Client ID Metadata Document, where it is published ({@code ClientMetadataDocumentLocation}: an
 * https URL hosted elsewhere, or the embedded JDK HTTP server that hosts it for development).
 */
package dev.mcpauth.oauth2.client.cimd;
