package com.example.weather;

import dev.mcpauth.oauth2.server.resource.RequiredScope;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/** The one tool; calling it needs {@code weather:read}, more than the connection scope. */
@Component
public class ForecastTool {

	@McpTool(name = "get_weather", description = "A fixed forecast for a city")
	@RequiredScope("weather:read")
	public String getWeather(@McpToolParam(description = "City name", required = true) String city) {
		return "Forecast for " + city + ": sunny";
	}

}
