package dev.mcpauth.oauth2.server.authorization.store;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.impl.ObjectIdReader;
import tools.jackson.databind.deser.jdk.JavaUtilCollectionsDeserializers;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.util.AccessPattern;
import tools.jackson.databind.util.ClassUtil;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The JSON of the {@code attributes} and {@code *_metadata} columns of {@code oauth2_authorization} (and of the
 * {@code client_settings} and {@code token_settings} columns of {@code oauth2_registered_client}), read with the
 * framework's own mapper configuration (Spring Security's Jackson modules, the authorization server's module, and
 * their allowlist-based polymorphic typing), plus one thing: the deserializers it builds are kept.
 *
 * <p>Why: Jackson caches a deserializer only when it says {@code isCachable()}. Three kinds here do not, so Jackson
 * builds them again on every lookup, under the deserializer cache's single lock
 * ({@code DeserializerCache._createAndCacheValueDeserializer}):
 * <ul>
 * <li>the deserializers Spring Security names with {@code @JsonDeserialize(using = ...)} on its mix-ins
 * ({@code UsernamePasswordAuthenticationToken}, {@code User}, {@code OAuth2AuthorizationRequest}...), which inherit
 * {@code isCachable() == false};</li>
 * <li>maps and collections whose values carry a type id (with default typing, every {@code Map<String, Object>} and
 * {@code List<Object>}), because their value type deserializer makes them non-cachable;</li>
 * <li>the JDK's unmodifiable and singleton wrappers, which Jackson reads with a converting deserializer it never
 * keeps.</li>
 * </ul>
 * Spring's deserializers resolve nested values with {@code readTreeAsValue}, which starts a fresh type deserializer
 * each time, so one read of a stored authorization took that lock a dozen times and concurrent token requests queued
 * on it (docs/performance.md, issue 18). All three are safe to share: for one mapper, the deserializer built for a
 * type is always the same (the value type deserializer comes from the mapper's default typing, not from a property,
 * and Jackson still never caches a type that carries its own handlers); property-specific variants are still made by
 * {@code createContextual} on each use; and Spring Security's deserializers hold no state (checked: no instance
 * fields, else they are left uncached).
 *
 * <p>What does not change: the stored format (writing still uses the framework's mapper, and reading the same JSON
 * gives equal objects), and the polymorphic type validation. Type ids are checked against Spring Security's allowlist
 * before any deserializer is looked up, so the cache, which is bounded, only ever holds allowlisted types. Opening
 * default typing to arbitrary classes would let a crafted row instantiate deserialization gadgets; nothing here does.
 *
 * <p>No authorization is cached: every read still goes to the database, which stays the only source of truth for
 * rotated, consumed and revoked grants across instances (docs/deployment.md).
 */
public final class StoredAuthorizationJson {

	private StoredAuthorizationJson() {
	}

	/**
	 * @return the framework's mapper for the authorization columns (Spring Security's modules, as
	 * {@code JdbcOAuth2AuthorizationService} builds it), keeping the deserializers it builds
	 */
	public static JsonMapper jsonMapper() {
		return JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(StoredAuthorizationJson.class.getClassLoader()))
			.addModule(new ReusableDeserializers())
			.build();
	}

	/**
	 * @return the framework's row mapper for {@code oauth2_authorization}, reading the JSON columns with
	 * {@link #jsonMapper()}
	 */
	public static RowMapper<OAuth2Authorization> rowMapper(RegisteredClientRepository registeredClientRepository) {
		return new JsonMapperOAuth2AuthorizationRowMapper(registeredClientRepository, jsonMapper());
	}

	/**
	 * @return the framework's row mapper for {@code oauth2_registered_client}, whose {@code client_settings} and
	 * {@code token_settings} columns use the same mapper configuration (every authorization read also reads its
	 * client)
	 */
	public static RowMapper<RegisteredClient> registeredClientRowMapper() {
		return new JsonMapperRegisteredClientRowMapper(jsonMapper());
	}

	/** Makes the three kinds of deserializers above cachable; everything else is left as Jackson builds it. */
	static final class ReusableDeserializers extends SimpleModule {

		private static final long serialVersionUID = 1L;

		ReusableDeserializers() {
			super(ReusableDeserializers.class.getName());
		}

		@Override
		public void setupModule(SetupContext context) {
			super.setupModule(context);
			// first in line, so it sees the deserializer the mix-in names before Jackson's own introspector does
			context.insertAnnotationIntrospector(new StatelessSecurityDeserializers());
			context.addDeserializerModifier(new TypedContainers());
			context.addDeserializers(new JdkCollectionWrappers());
		}

	}

	/**
	 * The JDK's unmodifiable and singleton wrappers that Spring Security's allowlist admits. Jackson reads them with
	 * {@code JavaUtilCollectionsDeserializers}, a converting deserializer it never caches and that bypasses
	 * deserializer modifiers; this answers first with a cachable holder that builds exactly Jackson's deserializer,
	 * once, when the cache resolves it.
	 */
	static final class JdkCollectionWrappers implements Deserializers {

		static final Set<String> COLLECTIONS = Set.of("java.util.Collections$UnmodifiableSet",
				"java.util.Collections$UnmodifiableRandomAccessList",
				"java.util.Collections$SingletonList", "java.util.Arrays$ArrayList");

		static final Set<String> MAPS = Set.of("java.util.Collections$UnmodifiableMap");

		@Override
		public ValueDeserializer<?> findCollectionDeserializer(CollectionType type, DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, TypeDeserializer elementTypeDeserializer,
				ValueDeserializer<?> elementDeserializer) {
			return COLLECTIONS.contains(type.getRawClass().getName()) ? new Reusable(type) : null;
		}

		@Override
		public ValueDeserializer<?> findMapDeserializer(MapType type, DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, KeyDeserializer keyDeserializer,
				TypeDeserializer elementTypeDeserializer, ValueDeserializer<?> elementDeserializer) {
			return MAPS.contains(type.getRawClass().getName()) ? new Reusable(type) : null;
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
			return COLLECTIONS.contains(valueType.getName()) || MAPS.contains(valueType.getName());
		}

	}

	/**
	 * For a class whose (mixed-in) {@code @JsonDeserialize(using = X)} names one of Spring Security's stateless
	 * deserializers, answers one instance of X that says it can be cached.
	 */
	static final class StatelessSecurityDeserializers extends NopAnnotationIntrospector {

		private static final long serialVersionUID = 1L;

		@Override
		public Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
			if (!(annotated instanceof AnnotatedClass)) {
				return null;
			}
			JsonDeserialize annotation = annotated.getAnnotation(JsonDeserialize.class);
			if (annotation == null || !isStatelessSecurityDeserializer(annotation.using())) {
				return null;
			}
			ValueDeserializer<?> deserializer = (ValueDeserializer<?>) ClassUtil.createInstance(annotation.using(),
					config.canOverrideAccessModifiers());
			return new Reusable(deserializer);
		}

		static boolean isStatelessSecurityDeserializer(Class<?> type) {
			if (type == null || type == ValueDeserializer.None.class || !ValueDeserializer.class.isAssignableFrom(type)
					|| !type.getName().startsWith("org.springframework.security.")) {
				return false;
			}
			for (Class<?> c = type; c != null && c != ValueDeserializer.class; c = c.getSuperclass()) {
				for (Field field : c.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						return false;
					}
				}
			}
			return true;
		}

	}

	/** Maps and collections that Jackson would rebuild because their values are typed. */
	static final class TypedContainers extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			return reusable(deserializer);
		}

		@Override
		public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			return reusable(deserializer);
		}

		private static ValueDeserializer<?> reusable(ValueDeserializer<?> deserializer) {
			return deserializer.isCachable() ? deserializer : new Reusable(deserializer);
		}

	}

	/**
	 * Delegates everything, and lets Jackson's deserializer cache keep it. (Not Jackson's
	 * {@code DelegatingDeserializer}: that one needs a handled type, which Spring Security's deserializers do not
	 * declare.)
	 */
	static final class Reusable extends ValueDeserializer<Object> {

		/** Set by {@link #resolve} for a JDK wrapper, before the cache publishes this instance. */
		private ValueDeserializer<Object> delegate;

		private final JavaType jdkWrapper;

		@SuppressWarnings("unchecked")
		Reusable(ValueDeserializer<?> delegate) {
			this.delegate = (ValueDeserializer<Object>) delegate;
			this.jdkWrapper = null;
		}

		Reusable(JavaType jdkWrapper) {
			this.jdkWrapper = jdkWrapper;
		}

		@Override
		public boolean isCachable() {
			return true;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void resolve(DeserializationContext context) {
			if (this.delegate == null) {
				ValueDeserializer<?> jdk = this.jdkWrapper.isMapLikeType()
						? JavaUtilCollectionsDeserializers.findForMap(context, this.jdkWrapper)
						: JavaUtilCollectionsDeserializers.findForCollection(context, this.jdkWrapper);
				if (jdk == null) {
					throw new IllegalStateException("Jackson has no deserializer for " + this.jdkWrapper);
				}
				this.delegate = (ValueDeserializer<Object>) jdk;
			}
			this.delegate.resolve(context);
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			JavaType type = this.jdkWrapper;
			if (type == null) {
				// Spring Security's deserializers declare no handled type; Jackson takes null for "unknown" here
				Class<?> handled = this.delegate.handledType();
				type = (handled != null) ? context.constructType(handled) : null;
			}
			ValueDeserializer<?> contextual = context.handleSecondaryContextualization(this.delegate, property, type);
			return (contextual == this.delegate) ? this : new Reusable(contextual);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			return this.delegate.deserialize(parser, context);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context, Object intoValue) {
			return this.delegate.deserialize(parser, context, intoValue);
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer typeDeserializer) {
			return this.delegate.deserializeWithType(parser, context, typeDeserializer);
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer typeDeserializer, Object intoValue) {
			return this.delegate.deserializeWithType(parser, context, typeDeserializer, intoValue);
		}

		@Override
		public Class<?> handledType() {
			return (this.delegate != null) ? this.delegate.handledType() : this.jdkWrapper.getRawClass();
		}

		@Override
		public LogicalType logicalType() {
			return this.delegate.logicalType();
		}

		@Override
		public ValueDeserializer<?> getDelegatee() {
			return this.delegate;
		}

		@Override
		public Collection<Object> getKnownPropertyNames() {
			return this.delegate.getKnownPropertyNames();
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return this.delegate.getNullValue(context);
		}

		@Override
		public AccessPattern getNullAccessPattern() {
			return this.delegate.getNullAccessPattern();
		}

		@Override
		public Object getAbsentValue(DeserializationContext context) {
			return this.delegate.getAbsentValue(context);
		}

		@Override
		public Object getEmptyValue(DeserializationContext context) {
			return this.delegate.getEmptyValue(context);
		}

		@Override
		public AccessPattern getEmptyAccessPattern() {
			return this.delegate.getEmptyAccessPattern();
		}

		@Override
		public ObjectIdReader getObjectIdReader(DeserializationContext context) {
			return this.delegate.getObjectIdReader(context);
		}

		@Override
		public SettableBeanProperty findBackReference(String name) {
			return this.delegate.findBackReference(name);
		}

		@Override
		public Boolean supportsUpdate(DeserializationConfig config) {
			return this.delegate.supportsUpdate(config);
		}

	}

}
