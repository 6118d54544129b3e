/**
 * A Spring Boot consumer of the library: the auto-configuration creates the client from {@code mcp.client.*} and
 * backs off where the application defines its own beans.
 */
package example.consumer.boot;
