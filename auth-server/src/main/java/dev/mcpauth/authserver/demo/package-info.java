/**
 * The demo profile: a fixed user and automatic consent for headless local runs.
 */
package dev.mcpauth.authserver.demo;
