package dev.mcpauth.resourceserver.metadata;

import java.util.List;
import java.util.Map;

import dev.mcpauth.resourceserver.config.ResourceServerProperties;
import dev.mcpauth.resourceserver.scope.Scopes;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the protected resource metadata (checklist RS-01, RS-02, RS-03, RS-06, RS-15).
 *
 * <p>The document is served at the path-inserted location that {@code resource_metadata} challenges point to, and
 * the same document at the root location, because this server protects exactly one resource and some clients probe
 * the root first (checklist section 2.1). Every other {@code /.well-known/} path answers a JSON 404 so that a
 * client's discovery fallback chain is never stopped by a login page or HTML.
 */
@RestController
public class ProtectedResourceMetadataController {

	private final ProtectedResourceMetadata metadata;

	private final ProtectedResource protectedResource;

	public ProtectedResourceMetadataController(ProtectedResource protectedResource,
			ResourceServerProperties properties) {
		this.protectedResource = protectedResource;
		this.metadata = new ProtectedResourceMetadata(protectedResource.resource(), List.of(properties.issuer()),
				List.of(Scopes.CONNECT), List.of("header"), properties.resourceName());
	}

	@GetMapping(path = "/.well-known/**", produces = MediaType.ALL_VALUE)
	public ResponseEntity<Object> wellKnown(jakarta.servlet.http.HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.equals(this.protectedResource.metadataPath()) || path.equals(ProtectedResource.WELL_KNOWN)) {
			// RFC 9728 section 3.2: 200 with application/json; short caching lets clients avoid refetching.
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
				.body(this.metadata);
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", "not_found", "error_description", "No metadata at this location"));
	}

}
