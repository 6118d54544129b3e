package dev.mcpauth.resourceserver.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import dev.mcpauth.oauth2.server.resource.RequiredScope;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/**
 * {@code get_weather}: a deterministic demo forecast. It makes no outside call: the same city always gets the same
 * forecast, derived from a checksum of its name.
 */
@Component
public class WeatherTool {

	/** The scope {@code get_weather} needs, obtained by step-up authorization. */
	public static final String WEATHER_READ = "weather:read";

	private static final List<String> CONDITIONS = List.of("sunny", "partly cloudy", "cloudy", "light rain", "windy",
			"foggy");

	/** The forecast returned to the caller. */
	public record Forecast(String city, String conditions, int temperatureCelsius, int humidityPercent) {
	}

	@McpTool(name = "get_weather", description = "Returns a (deterministic, demo) weather forecast for a city",
			annotations = @McpTool.McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@RequiredScope(WEATHER_READ)
	public Forecast getWeather(@McpToolParam(description = "City name, e.g. Paris", required = true) String city) {
		String name = city == null ? "" : city.strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new IllegalArgumentException("city must be 1 to 100 characters");
		}
		CRC32 crc = new CRC32();
		crc.update(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		long seed = crc.getValue();
		return new Forecast(name, CONDITIONS.get((int) (seed % CONDITIONS.size())), (int) (seed % 35) - 5,
				30 + (int) ((seed >>> 8) % 60));
	}

}
