package dev.mcpauth.authserver.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;

/**
 * Writes every audit event as one log event of the {@value #LOGGER} logger, with the event's fields as SLF4J
 * key-value pairs; {@code logback-spring.xml} sends that logger to a console appender with Spring Boot's
 * structured (JSON) encoder, so each event is one JSON line ({@code audit.type}, {@code audit.principal},
 * {@code audit.client_id}, ...). The most recent events are also kept in memory for {@link #find}.
 */
public final class StructuredLogAuditEventRepository implements AuditEventRepository {

	public static final String LOGGER = "dev.mcpauth.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private final InMemoryAuditEventRepository recent;

	public StructuredLogAuditEventRepository(int capacity) {
		this.recent = new InMemoryAuditEventRepository(capacity);
	}

	@Override
	public void add(AuditEvent event) {
		Map<String, Object> data = AuditData.filter(event.getData());
		AuditEvent safe = new AuditEvent(event.getTimestamp(), AuditData.text(event.getPrincipal()), event.getType(), data);
		this.recent.add(safe);
		LoggingEventBuilder line = log.atInfo()
			.setMessage(event.getType())
			.addKeyValue("audit.type", event.getType())
			.addKeyValue("audit.principal", AuditData.text(event.getPrincipal()));
		for (Map.Entry<String, Object> entry : data.entrySet()) {
			line = line.addKeyValue("audit." + entry.getKey(), entry.getValue());
		}
		line.log();
	}

	@Override
	public List<AuditEvent> find(String principal, Instant after, String type) {
		return this.recent.find(principal, after, type);
	}

}
