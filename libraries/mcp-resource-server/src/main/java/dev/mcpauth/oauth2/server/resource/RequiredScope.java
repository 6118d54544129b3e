package dev.mcpauth.oauth2.server.resource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scope a caller's access token must carry to call this {@code @McpTool}. Every tool must declare one;
 * the application refuses to start otherwise, so that no tool is ever left unprotected by omission.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiredScope {

	/** A single OAuth scope token (RFC 6749 section 3.3), e.g. {@code weather:read}. */
	String value();

}
